package org.fundchain.it.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.fundchain.client.FundChainClient;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.launcher.Consortium;
import org.fundchain.launcher.ConsortiumMaterial;
import org.fundchain.launcher.DemoData;
import org.fundchain.launcher.LauncherSettings;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Base for browser ITs: one fresh 4-node consortium per test class (own ports and directory), seeded with
 * {@link DemoData} through signed transactions, and headless Debian chromium driven by Selenium.
 * <pre>
 * class MyBrowserIT extends BrowserITBase {
 *     &#64;BeforeAll static void up() { start("it-mine", 9880, 10243); }   // dir target/it-mine, ports 9880-9883 / 10243-10246
 *     &#64;AfterAll static void down() { stop(); }                          // quits browsers, stops the nodes
 *     &#64;Test void x() { WebDriver d = browser(); login(d, 0, "countyhq"); d.get(url(0, "/projects/list.xhtml")); shot(d, "projects"); }
 * }
 * </pre>
 * {@code -Dit.browser.keep=true} leaves the consortium running after the class (and reuses a running one on the
 * next run, skipping the reset) — handy while writing a test; never in CI.
 */
public abstract class BrowserITBase {
    public static final Path SCREENSHOTS = Path.of("target", "browser-screenshots");
    static final boolean KEEP = Boolean.getBoolean("it.browser.keep");  // read at class init

    protected static LauncherSettings settings;
    protected static Consortium consortium;
    protected static ConsortiumMaterial material;
    protected static Map<String, String> passwords;
    private static final List<WebDriver> drivers = new ArrayList<>();

    /** Starts (fresh) the class's consortium in target/{@code dir} on the given base ports and seeds demo data. */
    protected static void start(String dir, int httpBase, int httpsBase) {
        start0(dir, httpBase, httpsBase, true);
    }

    static void start0(String dir, int httpBase, int httpsBase, boolean up) {
        Path base = Path.of("").toAbsolutePath();
        Path target = base.resolve("target");
        settings = new LauncherSettings(base, target.resolve("liberty/wlp"), target.resolve("fundchain.war"),
                target.resolve(dir), dir.replace("-", ""), 4, httpBase, httpsBase, CryptoSuite.STANDARD,
                "FundChain browser IT", Duration.ofSeconds(420));
        PrintStream out = System.out;
        consortium = new Consortium(settings, out);
        if (!up) {
            return;
        }
        if (!KEEP && !Boolean.getBoolean("it.browser.keep")) {
            consortium.reset();
        }
        material = consortium.up();
        passwords = material.demoLogins();
        org.fundchain.it.PeerMesh.awaitConnected(java.util.stream.IntStream.range(0, settings.nodeCount())
                .mapToObj(i -> URI.create(url(i, "/"))).toList(), Duration.ofSeconds(120));
        DemoData.seed(material, settings, out);
    }

    /** Quits every browser this class opened and stops the consortium (unless it.browser.keep). */
    protected static void stop() {
        List<String> violations = new ArrayList<>();
        for (WebDriver d : drivers) {
            try {
                violations.addAll(cspViolations(d));
                d.quit();
            } catch (RuntimeException e) {
                System.out.println("browser quit: " + e.getMessage());
            }
        }
        drivers.clear();
        if (consortium != null && !KEEP) {
            consortium.down();
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("the pages broke their own Content-Security-Policy:\n  " + String.join("\n  ", violations));
        }
    }

    /** What the browser's console reported as refused by the page's Content-Security-Policy. */
    public static List<String> cspViolations(WebDriver d) {
        List<String> out = new ArrayList<>();
        for (org.openqa.selenium.logging.LogEntry e : d.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
            if (e.getMessage().contains("Content Security Policy")) {
                out.add(e.getMessage());
            }
        }
        return out;
    }

    /** Chromium options every browser test uses: headless, the test CA's certificates accepted, console kept for CSP. */
    public static ChromeOptions chromeOptions() {
        ChromeOptions o = new ChromeOptions();
        o.setBinary("/usr/bin/chromium");
        // the nodes' certificates come from the test consortium's own TLS CA, which this browser profile does not hold
        o.setAcceptInsecureCerts(true);
        o.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        o.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-gpu", "--no-first-run", "--window-size=1366,1000", "--lang=zh-CN");
        return o;
    }

    /** A new headless chromium (Debian's /usr/bin/chromium and /usr/bin/chromedriver), quit by {@link #stop()}. */
    protected static WebDriver browser() {
        ChromeOptions o = chromeOptions();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        WebDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90));
        drivers.add(d);
        return d;
    }

    /** https://localhost:PORT(node) + path (plain HTTP only redirects). */
    protected static String url(int node, String path) {
        return "https://localhost:" + settings.httpsPort(node) + path;
    }

    /** Signs in on node {@code node} as demo user {@code username} and waits for the dashboard. */
    protected static void login(WebDriver d, int node, String username) {
        login(d, node, username, passwords.get(username));
        waitFor(d).until(ExpectedConditions.urlContains("/index.xhtml"));
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.id("fc-user")));
    }

    /** Fills and submits the sign-in form (no waiting for the outcome). */
    protected static void login(WebDriver d, int node, String username, String password) {
        d.get(url(node, "/login.xhtml"));
        d.findElement(By.id("login:username")).sendKeys(username);
        d.findElement(By.id("login:password")).sendKeys(password);
        d.findElement(By.id("login:submit")).click();
    }

    /** Signs out through the header button. */
    protected static void logout(WebDriver d) {
        d.findElement(By.id("logout:go")).click();
        waitFor(d).until(ExpectedConditions.urlContains("/login.xhtml"));
    }

    protected static WebDriverWait waitFor(WebDriver d) {
        return new WebDriverWait(d, Duration.ofSeconds(60));
    }

    /** Saves a PNG of the current page to target/browser-screenshots/NAME.png. */
    protected static Path shot(WebDriver d, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.copy(((TakesScreenshot) d).getScreenshotAs(OutputType.FILE).toPath(), to,
                    StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Signs {@code contract.method(args)} with demo user {@code username}'s key, submits it to node {@code node}'s
     * REST API and waits for its block; returns the status answer (status, outcome {result | errorCode}).
     */
    protected static FundChainClient.Answer submitAs(String username, int node, String contract, String method,
            Map<String, ?> args) {
        try {
            org.fundchain.crypto.SigningKey key = org.fundchain.crypto.Pem.readPrivateKey(Files.readString(
                    settings.consortiumDir().resolve("users").resolve(username + ".pem")), new java.security.SecureRandom());
            org.fundchain.envelope.SignedTransaction tx = org.fundchain.envelope.SignedTransaction.sign(key,
                    material.genesis().suite(), "main", contract, method, args,
                    "it-" + System.nanoTime(), System.currentTimeMillis());
            FundChainClient client = new FundChainClient();
            URI n = URI.create(url(node, "/"));
            FundChainClient.Answer sent = client.submit(List.of(n), tx).get(0);
            assertTrue(sent.ok(), () -> "node refused " + contract + "." + method + ": " + sent.error());
            long deadline = System.nanoTime() + 60_000_000_000L;
            FundChainClient.Answer a;
            do {
                a = client.status(n, "main", tx.txHash(), 10_000, key); // signed: the outcome is for its signer
            } while (!"COMMITTED".equals(a.string("status")) && !"REJECTED".equals(a.string("status"))
                    && System.nanoTime() < deadline);
            return a;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

}
