package org.fundchain.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.CustomFormAuthenticationMechanismDefinition;
import jakarta.security.enterprise.authentication.mechanism.http.LoginToContinue;

/**
 * The portal's Jakarta Security set-up: a Faces form ({@code /login.xhtml}, {@link LoginBean}) authenticates
 * against {@link RegistryIdentityStore}; the caller is kept in the HTTP session. Which pages a caller may open
 * is decided by {@link PageAccess} in {@link PageAccessFilter}, not by web.xml constraints.
 */
@CustomFormAuthenticationMechanismDefinition(
        loginToContinue = @LoginToContinue(loginPage = "/login.xhtml", errorPage = "", useForwardToLogin = false))
@ApplicationScoped
public class PortalSecurity {
}
