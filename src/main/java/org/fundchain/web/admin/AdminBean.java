package org.fundchain.web.admin;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.fund.CommandResult;
import org.fundchain.fund.FundQueries;
import org.fundchain.fund.OrganisationView;
import org.fundchain.fund.RegistrationRequestView;
import org.fundchain.fund.SignerView;
import org.fundchain.node.ChainRuntime;
import org.fundchain.node.NodeRuntime;
import org.fundchain.security.AccountStore;
import org.fundchain.security.CurrentUser;
import org.fundchain.security.PageAccess;
import org.fundchain.security.PortalAccount;
import org.fundchain.security.RegistryIdentities;
import org.fundchain.security.SignInGuard;
import org.fundchain.security.SignInThrottle;
import org.fundchain.web.customer.ProblemReport;
import org.fundchain.web.customer.ProblemReports;
import org.fundchain.web.i18n.Messages;

/**
 * Administration: users (registry signers + this node's portal accounts), pending registrations, organisations,
 * roles and permissions, nodes and chains, reported problems. Every change is a registry transaction signed by the
 * administrator; the contract checks the ADMIN role again.
 */
@Named
@RequestScoped
public class AdminBean {
    private static final Logger LOG = Logger.getLogger(AdminBean.class.getName());

    /** A registry signer with its local portal username, if it has an account on this node. */
    public record UserRow(SignerView signer, String username, String organisationName) {
    }

    @Inject
    CurrentUser user;

    @Inject
    FundQueries queries;

    @Inject
    AccountStore accounts;

    @Inject
    NodeRuntime runtime;

    @Inject
    ProblemReports problems;

    @Inject
    Messages messages;

    @Inject
    SignInGuard signIns;

    private String reason;
    private String answer;

    public List<UserRow> getUsers() {
        Map<String, String> usernames = new HashMap<>();
        for (PortalAccount a : accounts.all()) {
            usernames.put(a.signerId(), a.username());
        }
        Map<String, String> orgNames = new HashMap<>();
        for (OrganisationView o : queries.organisations(RegistryIdentities.CHAIN)) {
            orgNames.put(o.id(), o.name());
        }
        List<UserRow> out = new ArrayList<>();
        for (SignerView s : queries.signers(RegistryIdentities.CHAIN)) {
            out.add(new UserRow(s, usernames.get(s.id()), orgNames.getOrDefault(s.org(), s.org())));
        }
        out.sort(Comparator.comparing((UserRow r) -> r.signer().org()).thenComparing(r -> r.signer().name()));
        return out;
    }

    /** Accounts of this node locked by failed sign-ins (names that are no account here are not shown). */
    public List<String> getLockedAccounts() {
        List<String> out = new ArrayList<>();
        for (String name : signIns.locked()) {
            if (out.size() < 500 && accounts.find(name).isPresent()) {
                out.add(name);
            }
        }
        return out;
    }

    public boolean locked(String username) {
        return signIns.isLocked(username);
    }

    public int getLockAfterFailures() {
        return SignInThrottle.DEFAULT.lockAfterFailures();
    }

    /** Lifts a sign-in lockout on this node (node-local, not a transaction). */
    public String unlock(String username) {
        FacesContext fc = FacesContext.getCurrentInstance();
        if (!user.hasRole("ADMIN")) { // the page guard already requires it; an action checks again
            fc.addMessage(null, messages.error("admin.refused", "FORBIDDEN", ""));
            return null;
        }
        fc.addMessage(null, signIns.unlock(username, user.getUsername()) ? messages.info("admin.unlocked", username)
                : messages.error("admin.notLocked", username));
        return null;
    }

    public List<RegistrationRequestView> getRequests() {
        return queries.pendingRequests(RegistryIdentities.CHAIN);
    }

    /** The local username of a pending request, if it registered on this node. */
    public String usernameOf(String signerId) {
        return accounts.bySigner(signerId).map(PortalAccount::username).orElse("—");
    }

    public String organisationName(String orgId) {
        return queries.organisation(RegistryIdentities.CHAIN, orgId).map(OrganisationView::name).orElse(orgId);
    }

    public List<OrganisationView> getOrganisations() {
        return queries.organisations(RegistryIdentities.CHAIN);
    }

    public List<PageAccess.Rule> getPageRules() {
        return PageAccess.rules();
    }

    public List<String> getRoles() {
        return List.of("ADMIN", "LEADING_GROUP_OFFICE", "PROVINCIAL_FINANCE", "COUNTY_HQ", "COUNTY_FINANCE",
                "COMMERCIAL_BANK", "LIMITED_PARTNERSHIP", "COUNTY_FUND_COMPANY", "IMPLEMENTATION_UNIT", "NODE", "LOAD");
    }

    public List<ChainRuntime.Status> getChains() {
        return new ArrayList<>(runtime.chainStatus().values());
    }

    public List<ProblemReport> getProblems() {
        return problems.all();
    }

    // ------------------------------------------------------------------ actions (registry transactions)

    public String approve(String signerId) {
        return act("admin.approved", "approveRegistration", Map.of("signer", signerId));
    }

    public String reject(String signerId) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty() || why.length() > 200) {
            FacesContext.getCurrentInstance().addMessage(null, messages.error("admin.reasonRequired"));
            return null;
        }
        return act("admin.rejected", "rejectRegistration", Map.of("signer", signerId, "reason", why));
    }

    /** Grants or withdraws ADMIN next to the signer's organisation role (registry.setRoles). */
    public String setAdmin(String signerId, boolean admin) {
        java.util.Optional<SignerView> s = queries.signer(RegistryIdentities.CHAIN, signerId);
        java.util.Optional<OrganisationView> org = s.flatMap(x -> queries.organisation(RegistryIdentities.CHAIN, x.org()));
        if (s.isEmpty() || org.isEmpty()) {
            FacesContext.getCurrentInstance().addMessage(null, messages.error("admin.refused", "NOT_FOUND", signerId));
            return null;
        }
        java.util.TreeSet<String> roles = new java.util.TreeSet<>(List.of(org.get().type()));
        if (admin) {
            roles.add("ADMIN");
        }
        return act("admin.rolesSet", "setRoles", Map.of("signer", signerId, "roles", List.copyOf(roles)));
    }

    public String disable(String signerId) {
        return act("admin.disabled", "disable", Map.of("signer", signerId));
    }

    public String enable(String signerId) {
        return act("admin.enabled", "enable", Map.of("signer", signerId));
    }

    public String disableOrganisation(String orgId) {
        return act("admin.orgDisabled", "disableOrganisation", Map.of("id", orgId));
    }

    public String enableOrganisation(String orgId) {
        return act("admin.orgEnabled", "enableOrganisation", Map.of("id", orgId));
    }

    public String resolve(long id) {
        FacesContext fc = FacesContext.getCurrentInstance();
        String a = answer == null ? "" : answer.strip();
        if (a.isEmpty() || a.length() > ProblemReport.MAX_TEXT) {
            fc.addMessage(null, messages.error("admin.answerRequired"));
            return null;
        }
        fc.addMessage(null, problems.resolve(id, user.getUsername(), a) ? messages.info("admin.answered")
                : messages.error("admin.noSuchReport"));
        return null;
    }

    private String act(String okKey, String method, Map<String, ?> args) {
        FacesContext fc = FacesContext.getCurrentInstance();
        CommandResult r = user.submit("registry", method, args);
        if (r.ok()) {
            LOG.info("admin " + user.getUsername() + ": registry." + method + " " + args + " committed (" + r.txHash() + ")");
            fc.addMessage(null, messages.info(okKey));
        } else if (r.status() == CommandResult.Status.PENDING) {
            fc.addMessage(null, messages.info("admin.pending", r.txHash()));
        } else {
            fc.addMessage(null, messages.error("admin.refused", r.code(), r.message() == null ? "" : r.message()));
        }
        return null;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getAnswer() {
        return answer;
    }

    public void setAnswer(String answer) {
        this.answer = answer;
    }
}
