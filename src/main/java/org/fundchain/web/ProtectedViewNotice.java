package org.fundchain.web;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.fundchain.security.CurrentUser;

/**
 * /protected.xhtml?view=...: where {@link ProtectedViewHandling} sends a request for a protected view
 * (faces-config) that came without the session's token — a typed URL, a bookmark, or a link from another site. It offers the page's own link (with the token) when
 * the signed-in user may open it, so following it is the user's deliberate click, not a forged request.
 */
@Named
@RequestScoped
public class ProtectedViewNotice {
    private static final Pattern VIEW = Pattern.compile("/[a-z]+(/[a-z]+)*\\.xhtml");

    @Inject
    CurrentUser user;

    /** The link to the requested page, with the token; null if there is none to offer. */
    public String getTargetUrl() {
        FacesContext fc = FacesContext.getCurrentInstance();
        String viewId = fc.getExternalContext().getRequestParameterMap().get("view");
        if (viewId == null || !VIEW.matcher(viewId).matches() || !user.isSignedIn() || !user.mayOpen(viewId)) {
            return null;
        }
        return fc.getApplication().getViewHandler().getBookmarkableURL(fc, viewId, Map.of(), false);
    }
}
