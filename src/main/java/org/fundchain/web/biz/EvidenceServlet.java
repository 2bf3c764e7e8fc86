package org.fundchain.web.biz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.fundchain.security.CurrentUser;

/**
 * Downloads a progress evidence file this node keeps: {@code /projects/evidence?hash=<sha256>}, for signed-in
 * portal users only (the page guard covers Faces pages, so this servlet checks the session itself). Always served as an attachment of unknown type, so an
 * uploaded HTML or script file can never run in the portal's origin.
 */
@WebServlet("/projects/evidence")
public class EvidenceServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    CurrentUser user;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!user.isSignedIn()) {
            resp.sendRedirect(req.getContextPath() + "/login.xhtml");
            return;
        }
        String hash = req.getParameter("hash");
        Optional<Path> file = EvidenceStore.ofServer().find(hash);
        if (file.isEmpty()) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setContentType("application/octet-stream");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Content-Disposition", "attachment; filename=\"evidence-" + hash + "\"");
        resp.setContentLengthLong(Files.size(file.get()));
        Files.copy(file.get(), resp.getOutputStream());
    }
}
