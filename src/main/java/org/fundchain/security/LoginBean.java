package org.fundchain.security;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.fundchain.crypto.Pem;
import org.fundchain.web.i18n.Messages;

/** The sign-in and sign-out actions of the portal. */
@Named
@RequestScoped
public class LoginBean {
    private static final Logger LOG = Logger.getLogger(LoginBean.class.getName());

    @Inject
    SecurityContext security;

    @Inject
    CurrentUser user;

    @Inject
    org.fundchain.web.i18n.LocaleBean locale;

    @Inject
    AccountStore accounts;

    @Inject
    RegistryIdentities registry;

    @Inject
    Messages messages;

    @Inject
    SignInGuard guard;

    @Inject
    SignInAttempt attempt;

    @NotBlank
    @Size(max = 64)
    private String username;

    @NotBlank
    @Size(max = 128)
    private String password;

    private String next;

    /**
     * Signs in, throttled by {@link SignInGuard}: a refused try is answered at once ("try again in N s", or locked)
     * without checking the password; every checked try is counted by what {@link RegistryIdentityStore} found.
     */
    public String login() throws IOException {
        FacesContext fc = FacesContext.getCurrentInstance();
        ExternalContext ec = fc.getExternalContext();
        HttpServletRequest req = (HttpServletRequest) ec.getRequest();
        HttpServletResponse res = (HttpServletResponse) ec.getResponse();
        String name = username.trim();
        String address = SignInThrottle.addressKey(req.getRemoteAddr());
        SignInThrottle.Verdict verdict = guard.begin(name, address);
        if (verdict instanceof SignInThrottle.Locked) {
            fc.addMessage(null, messages.error("login.locked"));
            password = null;
            return null;
        }
        if (verdict instanceof SignInThrottle.Wait w) {
            fc.addMessage(null, messages.error("login.wait", w.seconds()));
            password = null;
            return null;
        }
        SignInThrottle.Result result = null;
        try {
            result = signIn(fc, ec, req, res, name);
        } finally {
            if (result == null) { // an exception: count what the password check found, if it ran
                result = attempt.refusal();
            }
            guard.end(name, address, result, attempt.knownAccount());
            password = null;
        }
        return null;
    }

    private SignInThrottle.Result signIn(FacesContext fc, ExternalContext ec, HttpServletRequest req,
            HttpServletResponse res, String name) throws IOException {
        AuthenticationStatus status = security.authenticate(req, res, AuthenticationParameters.withParams()
                .newAuthentication(true)
                .credential(new UsernamePasswordCredential(name, new Password(password))));
        if (req.getUserPrincipal() == null || status == AuthenticationStatus.SEND_FAILURE) {
            fc.addMessage(null, messages.error(attempt.outcome() == SignInAttempt.Outcome.PENDING ? "login.pending"
                    : "login.failed"));
            return attempt.refusal();
        }
        Optional<PortalAccount> account = accounts.find(name);
        Optional<RegistryIdentities.Identity> id = account.flatMap(a -> registry.lookup(a.signerId()));
        if (account.isEmpty() || id.isEmpty()) {
            logout(req);
            fc.addMessage(null, messages.error("login.failed"));
            return SignInThrottle.Result.NEUTRAL;
        }
        req.changeSessionId(); // a session id seen before sign-in is worthless after it (session fixation)
        try {
            String pem = PasswordSeal.open(account.get().sealedKey(), password.toCharArray());
            user.signIn(account.get(), id.get(), Pem.readPrivateKey(pem, new SecureRandom()));
            req.getSession().setAttribute(PushIdentity.SESSION_ATTRIBUTE, user.pushIdentity(locale.getLanguage()));
        } catch (RuntimeException e) {
            LOG.warning("portal user '" + name + "' signed in but the sealed key does not open: " + e.getMessage());
            logout(req);
            fc.addMessage(null, messages.error("login.keyUnavailable"));
            return SignInThrottle.Result.NEUTRAL;
        }
        LOG.info("portal user '" + name + "' signed in (" + id.get().organisation() + ", " + id.get().roles() + ")");
        ec.redirect(ec.getRequestContextPath() + (Redirects.isSafeLocal(next) ? next : "/index.xhtml"));
        fc.responseComplete();
        return SignInThrottle.Result.SUCCESS;
    }

    public String logout() throws IOException {
        FacesContext fc = FacesContext.getCurrentInstance();
        ExternalContext ec = fc.getExternalContext();
        logout((HttpServletRequest) ec.getRequest());
        ec.redirect(ec.getRequestContextPath() + "/login.xhtml?reason=bye");
        fc.responseComplete();
        return null;
    }

    private void logout(HttpServletRequest req) {
        user.clear();
        try {
            req.logout();
        } catch (ServletException e) {
            LOG.fine("logout: " + e.getMessage());
        }
        if (req.getSession(false) != null) {
            req.getSession(false).invalidate();
        }
    }

    /** Already signed in: the sign-in page sends the user on to the dashboard. */
    public void redirectIfSignedIn() throws IOException {
        if (user.isSignedIn()) {
            ExternalContext ec = FacesContext.getCurrentInstance().getExternalContext();
            ec.redirect(ec.getRequestContextPath() + "/index.xhtml");
        }
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getNext() {
        return next;
    }

    public void setNext(String next) {
        this.next = next;
    }
}
