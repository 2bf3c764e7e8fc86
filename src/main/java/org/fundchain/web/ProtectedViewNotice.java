package org.fundchain.web;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.fundchain.security.CurrentUser;

/**
 * /protected.xhtml: shown when a protected view (faces-config) is requested without the session's token —
 * a typed URL, a bookmark, or a link from another site. It offers the page's own link (with the token) when
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
        HttpServletRequest req = (HttpServletRequest) fc.getExternalContext().getRequest();
        Object uri = req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(uri instanceof String s) || !s.startsWith(req.getContextPath())) {
            return null;
        }
        String viewId = s.substring(req.getContextPath().length());
        if (!VIEW.matcher(viewId).matches() || !user.isSignedIn() || !user.mayOpen(viewId)) {
            return null;
        }
        return fc.getApplication().getViewHandler().getBookmarkableURL(fc, viewId, Map.of(), false);
    }
}
