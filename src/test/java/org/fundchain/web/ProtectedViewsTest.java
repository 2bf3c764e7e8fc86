package org.fundchain.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.fundchain.it.PortalNav;
import org.junit.jupiter.api.Test;

/**
 * Every portal page with a form action that changes something is a Faces protected view (CSRF on GET: the page
 * opens only with the session's token). Pages whose actions only search or read are listed here by name, so a
 * new page with a business form cannot be added without deciding.
 */
class ProtectedViewsTest {
    private static final Path WEBAPP = Path.of("webapp");
    /** Actions that search, refresh or navigate only (the alerts page re-renders on push); sign-in and self-registration are public by nature. */
    private static final Set<String> READ_ONLY_OR_PUBLIC = Set.of("/projects/list.xhtml", "/queries/projects.xhtml",
            "/explorer/index.xhtml", "/monitor/alerts.xhtml", "/login.xhtml", "/register.xhtml");
    private static final Pattern ACTION = Pattern.compile(
            "<(p:commandButton|p:commandLink|h:commandButton|h:commandLink|p:fileUpload|p:remoteCommand)\\b[^>]*>",
            Pattern.DOTALL);

    @Test
    void everyPageWithABusinessActionIsProtected() throws IOException {
        Set<String> withActions = new TreeSet<>();
        try (Stream<Path> files = Files.walk(WEBAPP)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".xhtml") && !p.startsWith(WEBAPP.resolve("WEB-INF"))).toList()) {
                Matcher m = ACTION.matcher(Files.readString(f));
                if (m.find()) {
                    withActions.add("/" + WEBAPP.relativize(f).toString().replace('\\', '/'));
                }
            }
        }
        Set<String> expected = new TreeSet<>(withActions);
        expected.removeAll(READ_ONLY_OR_PUBLIC);
        assertTrue(expected.size() >= 10, "found the business pages: " + expected);
        assertEquals(expected, PortalNav.protectedViews(WEBAPP.resolve("WEB-INF/faces-config.xml")), "faces-config <protected-views> must list exactly these pages");
    }
}
