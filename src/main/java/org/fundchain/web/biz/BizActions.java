package org.fundchain.web.biz;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;

import org.fundchain.fund.CommandResult;
import org.fundchain.fund.FundCommands;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.OrganisationView;
import org.fundchain.fund.SignerView;
import org.fundchain.fund.Viewer;
import org.fundchain.security.CurrentUser;

/**
 * What every business page needs: submitting a contract call signed by the signed-in user (waiting for its block
 * and turning any refusal into a clear Faces message), the user's read-side {@link Viewer}, names for ids, and
 * messages from the {@code biz} bundle in the page's language.
 */
@ApplicationScoped
public class BizActions {
    public static final String CHAIN = "main";
    private static final Logger LOG = Logger.getLogger(BizActions.class.getName());
    private static final String BUNDLE = "org.fundchain.web.biz";

    @Inject
    FundCommands commands;

    @Inject
    FundQueries queries;

    @Inject
    CurrentUser user;

    /**
     * Signs {@code contract.method(args)} as the signed-in user and waits for its block. Committed → the result;
     * otherwise an error message (refusal code in words plus the contract's reason) and empty.
     */
    public Optional<CommandResult> submit(String contract, String method, Map<String, ?> args) {
        CommandResult r;
        try {
            r = commands.submit(CHAIN, user.signingKey(), contract, method, args);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "portal submit " + contract + "." + method + " failed", e);
            error(null, "refusal.detail", text("refusal.SUBMIT"), e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return Optional.empty();
        }
        LOG.info(() -> "portal " + user.getUsername() + " " + contract + "." + method + " -> " + r.status()
                + (r.code() == null ? "" : " " + r.code()) + " tx " + r.txHash());
        switch (r.status()) {
            case COMMITTED:
                return Optional.of(r);
            case PENDING:
                error(null, "refusal.TIMEOUT");
                return Optional.empty();
            case REJECTED:
                error(null, "refusal.detail", refusalLabel(r.code()), r.message() == null ? "" : r.message());
                return Optional.empty();
            default:
                error(null, "refusal.detail", text("refusal.SUBMIT"),
                        (r.code() == null ? "" : r.code() + " ") + (r.message() == null ? "" : r.message()));
                return Optional.empty();
        }
    }

    /** The refusal code in words, e.g. "当前状态不允许此操作" for WRONG_STATE; the code itself if unknown. */
    public String refusalLabel(String code) {
        String t = code == null ? null : textOrNull("refusal." + code);
        return t != null ? t : code == null ? text("refusal.generic") : code;
    }

    /** The read-side identity of the signed-in user; empty if the registry no longer admits them. */
    public Optional<Viewer> viewer() {
        return user.isSignedIn() ? queries.viewer(CHAIN, user.getSignerId()) : Optional.empty();
    }

    public boolean hasRole(String role) {
        return user.hasRole(role);
    }

    public boolean hasAnyRole(String... roles) {
        for (String r : roles) {
            if (user.hasRole(r)) {
                return true;
            }
        }
        return false;
    }

    /** The signed-in user's organisation id. */
    public String organisation() {
        return user.getOrganisation();
    }

    public List<OrganisationView> organisations() {
        return queries.organisations(CHAIN);
    }

    public String orgName(String orgId) {
        if (orgId == null) {
            return "";
        }
        return queries.organisation(CHAIN, orgId).map(OrganisationView::name).orElse(orgId);
    }

    public Optional<OrganisationView> org(String orgId) {
        return orgId == null ? Optional.empty() : queries.organisation(CHAIN, orgId);
    }

    /** A signer's name with its organisation, or the shortened id if the registry does not know it. */
    public String signerName(String signerId) {
        if (signerId == null) {
            return "";
        }
        return queries.signer(CHAIN, signerId).map(SignerView::name)
                .orElse(signerId.length() > 24 ? signerId.substring(0, 14) + "…" + signerId.substring(signerId.length() - 6) : signerId);
    }

    public String signerOrg(String signerId) {
        return signerId == null ? "" : queries.signer(CHAIN, signerId).map(s -> orgName(s.org())).orElse("");
    }

    /** Adds an info message from the bundle. */
    public void info(String key, Object... args) {
        add(null, FacesMessage.SEVERITY_INFO, key, args);
    }

    /** Adds an error message from the bundle, for a component (client id) or the page (null). */
    public void error(String clientId, String key, Object... args) {
        add(clientId, FacesMessage.SEVERITY_ERROR, key, args);
    }

    private void add(String clientId, FacesMessage.Severity severity, String key, Object... args) {
        String t = format(key, args);
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(severity, t, null));
    }

    public String format(String key, Object... args) {
        String pattern = text(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(args);
    }

    public String text(String key) {
        String t = textOrNull(key);
        return t == null ? key : t;
    }

    private String textOrNull(String key) {
        try {
            return ResourceBundle.getBundle(BUNDLE, locale()).getString(key);
        } catch (MissingResourceException e) {
            return null;
        }
    }

    static Locale locale() {
        return BizFormat.locale();
    }
}
