package org.fundchain.security;

import java.io.IOException;
import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.ExternalContext;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.fund.OrganisationView;
import org.fundchain.web.i18n.Messages;

/** The self-registration form. */
@Named
@RequestScoped
public class RegisterBean {
    @Inject
    Registration registration;

    @Inject
    Messages messages;

    private String username;
    private String displayName;
    private String organisation;
    private String password;
    private String confirm;
    private List<OrganisationView> organisations;

    public List<OrganisationView> getOrganisations() {
        if (organisations == null) {
            organisations = registration.organisations();
        }
        return organisations;
    }

    public String register() throws IOException {
        FacesContext fc = FacesContext.getCurrentInstance();
        String u = username == null ? "" : username.trim();
        String name = displayName == null ? "" : displayName.trim();
        boolean valid = true;
        if (!Registration.USERNAME.matcher(u).matches()) {
            fc.addMessage("register:username", messages.error("register.usernameInvalid"));
            valid = false;
        }
        if (name.isEmpty() || name.length() > 60) {
            fc.addMessage("register:displayName", messages.error("register.displayNameInvalid"));
            valid = false;
        }
        if (organisation == null || organisation.isBlank()) {
            fc.addMessage("register:organisation", messages.error("register.orgRequired"));
            valid = false;
        }
        if (password == null || password.length() < Registration.MIN_PASSWORD) {
            fc.addMessage("register:password", messages.error("register.passwordShort"));
            valid = false;
        } else if (!password.equals(confirm)) {
            fc.addMessage("register:confirm", messages.error("register.passwordMismatch"));
            valid = false;
        }
        if (!valid) {
            return null;
        }
        Registration.Outcome o = registration.register(u, name, organisation, password.toCharArray());
        if (!o.ok()) {
            fc.addMessage(null, "CONFLICT".equals(o.code()) && "username".equals(o.message())
                    ? messages.error("register.usernameTaken")
                    : messages.error("register.refused", o.code() + (o.message() == null ? "" : " — " + o.message())));
            return null;
        }
        ExternalContext ec = fc.getExternalContext();
        ec.redirect(ec.getRequestContextPath() + "/login.xhtml?reason=registered");
        fc.responseComplete();
        return null;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getOrganisation() {
        return organisation;
    }

    public void setOrganisation(String organisation) {
        this.organisation = organisation;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public String getConfirm() {
        return confirm;
    }

    public void setConfirm(String confirm) {
        this.confirm = confirm;
    }
}
