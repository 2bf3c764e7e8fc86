package org.fundchain.it.browser;

/**
 * Starts (or stops) the browser ITs' consortium by hand, to look at the portal while writing a test:
 * {@code mvn -q -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.fundchain.it.browser.BrowserConsortiumMain -Dexec.args="up"} (then "down").
 */
public final class BrowserConsortiumMain {
    private BrowserConsortiumMain() {
    }

    public static void main(String[] args) {
        System.setProperty("it.browser.keep", "true");
        if (args.length > 0 && args[0].equals("down")) {
            BrowserITBase.start0("it-browser", 9780, 10143, false);
            BrowserITBase.consortium.down();
            return;
        }
        BrowserITBase.start0("it-browser", 9780, 10143, true);
        System.out.println("portal: " + BrowserITBase.url(0, "/") + "  logins: " + BrowserITBase.passwords);
    }
}
