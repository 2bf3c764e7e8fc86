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

import org.fundchain.fund.FundQueries;
import org.fundchain.security.CurrentUser;

/**
 * Downloads a progress evidence file this node keeps: {@code /projects/evidence?hash=<sha256>}, for signed-in
 * portal users only (the page guard covers Faces pages, so this servlet checks the session itself), and only to a
 * user who may see a project that reported the file ({@link FundQueries#mayDownloadEvidence}); anyone else gets
 * the same 404 as for a file this node does not keep. Always served as an attachment of unknown type, so an
 * uploaded HTML or script file can never run in the portal's origin.
 */
@WebServlet("/projects/evidence")
public class EvidenceServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    CurrentUser user;

    @Inject
    BizActions actions;

    @Inject
    FundQueries queries;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (!user.isSignedIn()) {
            resp.sendRedirect(req.getContextPath() + "/login.xhtml");
            return;
        }
        String hash = req.getParameter("hash");
        Optional<Path> file = EvidenceStore.ofServer().find(hash);
        // not visible is reported as not found: which files exist is not the user's to learn
        if (file.isEmpty() || !queries.mayDownloadEvidence(BizActions.CHAIN, actions.viewer().orElse(null), hash)) {
            resp.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        resp.setContentType("application/octet-stream");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Cache-Control", "private, no-store"); // a shared cache must not hand it to someone else
        resp.setHeader("Content-Disposition", "attachment; filename=\"evidence-" + hash + "\"");
        resp.setContentLengthLong(Files.size(file.get()));
        Files.copy(file.get(), resp.getOutputStream());
    }
}
