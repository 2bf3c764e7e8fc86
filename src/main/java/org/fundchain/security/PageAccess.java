package org.fundchain.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Which signed-in roles may open which portal pages, by path prefix (the longest matching prefix wins). The
 * menus ask the same table, and every action is checked again by the contract it calls.
 * <p>
 * H3's business pages are listed here too, so there is one place to read the whole plan.
 */
public final class PageAccess {
    /** Anyone who is signed in. */
    public static final Set<String> ANY = Set.of();

    /** One rule: pages under {@code prefix} need one of {@code roles} ({@link #ANY}: any signed-in user). */
    public record Rule(String prefix, Set<String> roles) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("/index.xhtml", ANY),
            new Rule("/explorer/", ANY),
            new Rule("/customer/", ANY),
            new Rule("/admin/", Set.of("ADMIN")),
            new Rule("/projects/", ANY),
            new Rule("/projects/apply.xhtml", Set.of("COUNTY_HQ")),
            new Rule("/projects/approve.xhtml", Set.of("LEADING_GROUP_OFFICE")),
            new Rule("/drafts/", ANY),
            new Rule("/disbursement/", Set.of("PROVINCIAL_FINANCE", "COUNTY_FINANCE", "LIMITED_PARTNERSHIP",
                    "COUNTY_FUND_COMPANY", "COMMERCIAL_BANK")),
            new Rule("/bank/", Set.of("COMMERCIAL_BANK")),
            new Rule("/progress/", Set.of("IMPLEMENTATION_UNIT")),
            new Rule("/queries/", ANY),
            new Rule("/monitor/", Set.of("LEADING_GROUP_OFFICE", "ADMIN")));

    /** Pages anyone may open without signing in. */
    private static final Set<String> PUBLIC = Set.of("/login.xhtml", "/register.xhtml", "/forbidden.xhtml",
            "/expired.xhtml", "/protected.xhtml");

    private PageAccess() {
    }

    public static boolean isPublic(String path) {
        return PUBLIC.contains(path);
    }

    /** The rule for a page: the longest matching prefix; any other page needs a signed-in user. */
    public static Rule rule(String path) {
        Rule best = new Rule("/", ANY);
        for (Rule r : RULES) {
            if (path.startsWith(r.prefix()) && r.prefix().length() > best.prefix().length()) {
                best = r;
            }
        }
        return best;
    }

    /** Whether a signed-in user with {@code roles} may open {@code path}. */
    public static boolean allows(String path, Collection<String> roles) {
        Set<String> need = rule(path).roles();
        if (need.isEmpty()) {
            return true;
        }
        for (String r : roles) {
            if (need.contains(r)) {
                return true;
            }
        }
        return false;
    }

    /** The table, for the administration page's roles-and-permissions view. */
    public static List<Rule> rules() {
        return new ArrayList<>(RULES);
    }
}
