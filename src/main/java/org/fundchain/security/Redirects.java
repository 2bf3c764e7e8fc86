package org.fundchain.security;

import java.util.regex.Pattern;

/** Where the portal may send a browser after sign-in: only a page of this application, never another site. */
public final class Redirects {
    private static final Pattern SAFE = Pattern.compile("/[A-Za-z0-9_\\-/]*\\.xhtml(\\?[A-Za-z0-9_\\-=&%.]*)?");

    private Redirects() {
    }

    public static boolean isSafeLocal(String target) {
        return target != null && target.length() <= 300 && !target.startsWith("//") && !target.contains("..")
                && SAFE.matcher(target).matches();
    }
}
