package org.fundchain.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.fundchain.client.FundChainClient;
import org.fundchain.crypto.CryptoSuite;
import org.fundchain.launcher.Consortium;
import org.fundchain.launcher.ConsortiumMaterial;
import org.fundchain.launcher.LauncherSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * SPEC §1.5 in a real browser on a fresh 4-node consortium (ports 9880+/10243+, target/it-walkthrough): the county
 * HQ applies for "农村种植产业项目", the leading-group office approves it (the draft is issued), the finance bureaus
 * and the bank raise the money, the payers register serial numbers and the bank pushes its flows hop by hop until
 * the draft has ARRIVED, and the implementation unit honours it and reports progress with an uploaded file. Along
 * the way: a county user gets the 403 page for approval, invalid forms show messages, script typed into a form is
 * shown as text, and a wrong-amount flow appears on the leading-group office's open monitoring page without a
 * reload. Each user works on their organisation's node in their own browser; screenshots go to
 * target/browser-screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkThroughBrowserIT {
    static final String PROJECT = "农村种植产业项目";
    /** Generous: four nodes, several browsers and other builds share two cores. */
    static final Duration WAIT = Duration.ofSeconds(90);
    /** Demo users' home nodes (launcher DemoConsortium: who hosts which organisation). */
    static final Map<String, Integer> NODE_OF = Map.of("lgo", 0, "provfin", 1, "countyfin", 1, "bank", 2, "lp", 3,
            "countyhq", 3, "countyfund", 3, "impl", 3, "admin", 0);

    static LauncherSettings settings;
    static Consortium consortium;
    static Map<String, String> logins;
    static Path shots;
    static final List<WebDriver> drivers = new ArrayList<>();
    static final Map<String, WebDriver> browsers = new java.util.HashMap<>();
    static int shotCount;
    /** The project name: "农村种植产业项目", with a suffix against an external consortium that has it already. */
    static String project = PROJECT;
    /** Serial prefix: "WT", plus a run suffix against an external consortium. */
    static String wt = "WT";
    static String projectId;
    static String draftId;
    static WebDriver monitor;

    @BeforeAll
    static void up() throws Exception {
        Path base = Path.of("").toAbsolutePath();
        Path target = base.resolve("target");
        shots = target.resolve("browser-screenshots");
        Files.createDirectories(shots);
        settings = new LauncherSettings(base, target.resolve("liberty/wlp"), target.resolve("fundchain.war"),
                target.resolve("it-walkthrough"), "itw", 4, 9880, 10243, CryptoSuite.STANDARD, "FundChain walk-through IT",
                Duration.ofSeconds(400));
        String external = System.getProperty("it.walkthrough.external");
        if (external != null) {
            // a developer's running consortium on the same ports (nothing is started or stopped)
            settings = new LauncherSettings(base, target.resolve("liberty/wlp"), target.resolve("fundchain.war"),
                    Path.of(external), "itw", 4, 9880, 10243, CryptoSuite.STANDARD, "external", Duration.ofSeconds(400));
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newBufferedReader(Path.of(external, "users/demo-logins.properties"))) {
                p.load(in);
            }
            logins = new java.util.HashMap<>();
            p.forEach((k, v) -> logins.put((String) k, (String) v));
            project = PROJECT + "-" + Long.toString(System.currentTimeMillis() % 100000, 36);
            wt = "WT" + Long.toString(System.currentTimeMillis() % 100000, 36);
        } else {
            consortium = new Consortium(settings, System.out);
            consortium.reset();
            ConsortiumMaterial m = consortium.up();
            logins = m.demoLogins();
        }
        PeerMesh.awaitConnected(java.util.stream.IntStream.range(0, settings.nodeCount())
                .mapToObj(i -> URI.create("https://localhost:" + settings.httpsPort(i) + "/")).toList(), Duration.ofSeconds(180));
    }

    @AfterAll
    static void down() {
        List<String> violations = new ArrayList<>();
        for (WebDriver d : drivers) {
            try {
                violations.addAll(org.fundchain.it.browser.BrowserITBase.cspViolations(d));
                d.quit();
            } catch (RuntimeException e) {
                // the browser is gone already
            }
        }
        if (consortium != null) {
            consortium.down();
        }
        assertTrue(violations.isEmpty(), "the pages broke their own Content-Security-Policy: " + violations);
    }

    // ------------------------------------------------------------------------------------------------ steps

    @Test
    @Order(1)
    void countyHqCannotOpenApprovalAndInvalidFormsShowMessages() {
        WebDriver hq = signIn("countyhq");
        PortalNav.open(hq, url("countyhq", "/projects/approve.xhtml"));
        waitFor(hq, By.tagName("body"));
        assertFalse(hq.getPageSource().contains("approve:applied"), "the approval table is not rendered");
        assertTrue(hq.getCurrentUrl().contains("forbidden") || hq.getPageSource().contains("403"),
                "a 403 page: " + hq.getCurrentUrl());
        shot(hq, "county-hq-403-approval");

        PortalNav.open(hq, url("countyhq", "/projects/apply.xhtml"));
        ((JavascriptExecutor) hq).executeScript("window.__xss = 0;");
        String script = "<script>window.__xss=1</script>";
        type(hq, "apply:name", script);
        type(hq, "apply:budget", "12.345");
        click(hq, "apply:submit");
        waitFor(hq, By.cssSelector(".ui-message-error, .ui-messages-error"));
        Object xss = ((JavascriptExecutor) hq).executeScript("return window.__xss === undefined ? 0 : window.__xss;");
        assertEquals(0L, ((Number) xss).longValue(), "typed script never runs");
        assertEquals(script, hq.findElement(By.id("apply:name")).getAttribute("value"), "kept as typed text");
        assertTrue(hq.findElements(By.xpath("//script[contains(., 'window.__xss=1')]")).isEmpty(),
                "no script element was created from the input");
        shot(hq, "apply-invalid-form");
    }

    @Test
    @Order(2)
    void countyHqAppliesForTheRuralPlantingIndustryProject() {
        WebDriver hq = signIn("countyhq");
        PortalNav.open(hq, url("countyhq", "/projects/apply.xhtml"));
        type(hq, "apply:name", project);
        choose(hq, "apply:township", "威宁县 石门乡");
        type(hq, "apply:department", "威宁县农业农村局");
        choose(hq, "apply:unit", null);
        type(hq, "apply:description", "大棚蔬菜种植 <b>不是HTML</b>");
        type(hq, "apply:budget", "1000000.00");
        type(hq, "apply:milestones:0:mname", "大棚建设");
        type(hq, "apply:milestones:0:mamount", "600000.00");
        click(hq, "apply:addMilestone");
        waitFor(hq, By.id("apply:milestones:1:mname"));
        type(hq, "apply:milestones:1:mname", "种苗采购与种植");
        type(hq, "apply:milestones:1:mamount", "400000.00");
        choose(hq, "apply:fund", null);
        choose(hq, "apply:hop1", "威宁县扶贫开发投资有限公司");
        shot(hq, "apply-filled");
        click(hq, "apply:submit");
        String info = infoMessage(hq, "P[0-9]{6}");
        projectId = match(info, "P[0-9]{6}");
        assertNotNull(projectId, info);
        shot(hq, "apply-done");

        PortalNav.open(hq, url("countyhq", "/projects/list.xhtml"));
        waitText(hq, By.id("list:projects"), project);
        shot(hq, "project-list");
        PortalNav.open(hq, url("countyhq", "/projects/detail.xhtml?id=" + projectId));
        assertTrue(hq.findElement(By.id("projectStatus")).getText().contains("已申报"));
        assertTrue(hq.getPageSource().contains("&lt;b&gt;不是HTML&lt;/b&gt;"), "description shown escaped");
    }

    @Test
    @Order(3)
    void leadingGroupOfficeApprovesAndTheDraftIsIssued() {
        WebDriver lgo = signIn("lgo");
        PortalNav.open(lgo, url("lgo", "/projects/approve.xhtml"));
        waitText(lgo, By.id("approve:applied"), projectId);
        shot(lgo, "approve-list");
        int row = rowOf(lgo, "approve:applied", projectId);
        type(lgo, "approve:applied:" + row + ":opinion", "同意立项");
        click(lgo, "approve:applied:" + row + ":approveBtn");
        String info = infoMessage(lgo, "D[0-9]{6}");
        draftId = match(info, "D[0-9]{6}");
        assertNotNull(draftId, info);
        PortalNav.open(lgo, url("lgo", "/projects/detail.xhtml?id=" + projectId));
        assertTrue(lgo.findElement(By.id("projectStatus")).getText().contains("已批准"));
        shot(lgo, "project-approved");
    }

    @Test
    @Order(4)
    void financeBureausAndTheBankRaiseTheMoney() {
        contribute("provfin", "40,000.00");
        contribute("countyfin", "60,000.00");
        contribute("bank", "900,000.00");
        WebDriver lgo = signIn("lgo");
        PortalNav.open(lgo, url("lgo", "/projects/detail.xhtml?id=" + projectId));
        waitText(lgo, By.id("tranches"), "900,000.00");
    }

    @Test
    @Order(5)
    void firstHopIsRegisteredByTheFundAndReconciledWithTheBankFlow() {
        register("lp", wt + "-0", null);
        push(wt + "-0", null, "对账一致");
    }

    @Test
    @Order(6)
    void aWrongAmountFlowAppearsOnTheOpenMonitoringPageWithoutReload() {
        monitor = signIn("lgo");  // the office keeps this page open; other checks as lgo use a fresh page load later
        PortalNav.open(monitor, url("lgo", "/monitor/alerts.xhtml"));
        waitFor(monitor, By.id("monitor:alerts"));
        ((JavascriptExecutor) monitor).executeScript("window.__sameLoad = 'yes';");
        waitFor(monitor, By.cssSelector("html[data-push='open']"));

        By mismatch = By.cssSelector("#monitor\\:alerts [data-code='AMOUNT_MISMATCH']");
        int before = monitor.findElements(mismatch).size();
        register("countyfund", wt + "-1", null);
        push(wt + "-1", "100000.00", "对账不符");

        new WebDriverWait(monitor, WAIT).until(x -> x.findElements(mismatch).size() == before + 1);
        assertEquals("yes", ((JavascriptExecutor) monitor).executeScript("return window.__sameLoad;"),
                "the alert arrived without a page reload");
        shot(monitor, "monitor-live-alert");
    }

    @Test
    @Order(7)
    void theCountyFundCompanyPaysTheLastHopAndTheDraftArrives() {
        register("countyfund", wt + "-2", null);
        push(wt + "-2", null, "对账一致");
        WebDriver lgo = signIn("lgo");
        PortalNav.open(lgo, url("lgo", "/drafts/detail.xhtml?id=" + draftId));
        waitText(lgo, By.id("draftStatus"), "已到账");
        assertEquals(2, lgo.findElements(By.cssSelector(".fc-path-hop[data-state='DONE']")).size());
        shot(lgo, "draft-path-arrived");
        // the audit of user actions lists the steps, with the county HQ's application
        PortalNav.open(lgo, url("lgo", "/monitor/alerts.xhtml"));
        waitText(lgo, By.id("monitor:audit"), "申报项目");
        shot(lgo, "monitor-audit");
    }

    @Test
    @Order(8)
    void theImplementationUnitHonoursTheDraftAndReportsProgressWithEvidence() throws Exception {
        WebDriver unit = signIn("impl");
        PortalNav.open(unit, url("impl", "/progress/update.xhtml"));
        waitText(unit, By.tagName("main"), projectId);
        clickFirst(unit, "[id$='draftActions:accept']");
        infoMessage(unit, draftId);
        clickFirst(unit, "[id$='draftActions:release']");
        infoMessage(unit, "600,000\\.00");

        Path evidence = Files.createTempFile("greenhouse-", ".txt");
        Files.writeString(evidence, "大棚建设竣工验收单 " + System.nanoTime());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(evidence)));
        WebElement note = unit.findElement(By.cssSelector("textarea[id$='report:note']"));
        note.sendKeys("大棚已建成，验收通过");
        unit.findElement(By.cssSelector("input[type='file'][id$='report:file']")).sendKeys(evidence.toString());
        clickFirst(unit, "[id$='report:completed'] .ui-chkbox-box");
        shot(unit, "progress-report-filled");
        clickFirst(unit, "[id$='report:submitReport']");
        infoMessage(unit, sha); // the file's SHA-256 went on chain
        shot(unit, "progress-reported");

        PortalNav.open(unit, url("impl", "/projects/detail.xhtml?id=" + projectId));
        assertTrue(unit.findElement(By.id("projectStatus")).getText().contains("实施中"));
        WebElement link = unit.findElement(By.cssSelector("a.evidence-link"));
        assertTrue(link.getAttribute("href").endsWith("hash=" + sha));
        shot(unit, "project-with-evidence");
        // the download is the very file whose hash is on chain
        String cookie = unit.manage().getCookieNamed("JSESSIONID").getValue();
        HttpResponse<byte[]> r = org.fundchain.client.ConsortiumTrust.httpClient().build().send(HttpRequest.newBuilder(URI.create(link.getAttribute("href")))
                .header("Cookie", "JSESSIONID=" + cookie).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals(sha, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.body())));
        HttpResponse<byte[]> anonymous = org.fundchain.client.ConsortiumTrust.httpClient().build().send(HttpRequest.newBuilder(
                URI.create(link.getAttribute("href"))).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(302, anonymous.statusCode(), "no evidence without signing in");
    }

    @Test
    @Order(9)
    void queriesDraftsAndBankRecordsShowTheWalkThroughsMoney() {
        WebDriver lgo = signIn("lgo");
        PortalNav.open(lgo, url("lgo", "/queries/funds.xhtml"));
        waitText(lgo, By.id("townships"), "石门乡");
        WebElement shimen = lgo.findElement(By.xpath("//*[@id='townships_data']/tr[td[2][normalize-space()='石门乡']]"));
        if (project.equals(PROJECT)) {  // a fresh consortium: this walk-through is all the money there is
            assertTrue(shimen.getText().contains("1 ¥1,000,000.00 ¥1,000,000.00 ¥1,000,000.00 ¥600,000.00"),
                    shimen.getText());
        }
        shot(lgo, "query-funds");
        PortalNav.open(lgo, url("lgo", "/queries/projects.xhtml"));
        waitText(lgo, By.id("filter:progress"), projectId);
        shot(lgo, "query-projects");
        PortalNav.open(lgo, url("lgo", "/drafts/mine.xhtml"));
        waitText(lgo, By.id("mine:drafts"), draftId);
        shot(lgo, "drafts-mine");
        WebDriver bank = signIn("bank");
        PortalNav.open(bank, url("bank", "/bank/flows.xhtml"));
        waitText(bank, By.id("recs:records"), wt + "-2");
        shot(bank, "bank-records");
        // the language switch turns every business text to English on the same page, money per locale
        PortalNav.open(lgo, url("lgo", "/drafts/detail.xhtml?id=" + draftId));
        click(lgo, "lang:en");
        waitFor(lgo, By.cssSelector("html[lang='en']"));
        // the switch is a postback of the same page: the draft must still be shown
        waitText(lgo, By.id("draftStatus"), "Accepted");
        assertTrue(lgo.getPageSource().contains("Planned path"));
        shot(lgo, "draft-detail-english");
        click(lgo, "lang:zh");
        waitFor(lgo, By.cssSelector("html[lang='zh']"));
        PortalNav.open(lgo, url("lgo", "/drafts/detail.xhtml?id=" + draftId));
        waitText(lgo, By.id("draftStatus"), "已承兑");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    static void contribute(String user, String expectReceived) {
        WebDriver d = signIn(user);
        PortalNav.open(d, url(user, "/disbursement/register.xhtml"));
        int row = rowOf(d, "disb:raising", projectId);
        click(d, "disb:raising:" + row + ":contribute");
        infoMessage(d, projectId);
        shot(d, "contribution-" + user);
    }

    static void register(String user, String serial, String amount) {
        WebDriver d = signIn(user);
        PortalNav.open(d, url(user, "/disbursement/register.xhtml"));
        int row = rowOf(d, "disb:hops", draftId);
        type(d, "disb:hops:" + row + ":serial", serial);
        if (amount != null) {
            type(d, "disb:hops:" + row + ":amount", amount);
        }
        shot(d, "register-" + serial);
        click(d, "disb:hops:" + row + ":register");
        infoMessage(d, serial);
    }

    /** The bank clerk takes the waiting registration into the form, optionally changes the amount, and pushes. */
    static void push(String serial, String amount, String expectStatus) {
        WebDriver d = signIn("bank");
        PortalNav.open(d, url("bank", "/bank/flows.xhtml"));
        int row = rowOf(d, "pending:waiting", serial);
        click(d, "pending:waiting:" + row + ":fill");
        await(d).until(x -> serial.equals(x.findElement(By.id("bank:serial")).getAttribute("value")));
        if (amount != null) {
            type(d, "bank:amount", amount);
        }
        shot(d, "bank-push-" + serial);
        click(d, "bank:push");
        String info = infoMessage(d, serial);
        assertTrue(info.contains(serial) && info.contains(expectStatus), info);
    }

    /** The user's own browser (own cookie jar: every node is "localhost", so sessions would collide in one), signed in. */
    static WebDriver signIn(String user) {
        WebDriver existing = browsers.get(user);
        if (existing != null) {
            return existing;
        }
        ChromeOptions o = org.fundchain.it.browser.BrowserITBase.chromeOptions();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(180));
        drivers.add(d);
        PortalNav.open(d, url(user, "/login.xhtml"));
        type(d, "login:username", user);
        type(d, "login:password", logins.get(user));
        click(d, "login:submit");
        try {
            waitFor(d, By.id("fc-user"));
        } catch (RuntimeException e) {
            shot(d, "sign-in-failed-" + user);
            throw e;
        }
        browsers.put(user, d);
        return d;
    }

    static String url(String user, String path) {
        return "https://localhost:" + settings.httpsPort(NODE_OF.get(user)) + path;
    }

    static WebElement waitFor(WebDriver d, By by) {
        return await(d).until(ExpectedConditions.presenceOfElementLocated(by));
    }

    static void waitText(WebDriver d, By by, String text) {
        await(d).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    static void type(WebDriver d, String id, String text) {
        WebElement e = waitFor(d, By.id(id));
        e.clear();
        e.sendKeys(text);
    }

    /** Clicks when clickable; retried while another element (e.g. a closing drop-down panel) covers it. */
    static void click(WebDriver d, String id) {
        await(d).ignoring(org.openqa.selenium.ElementClickInterceptedException.class).until(dr -> {
            dr.findElement(By.id(id)).click();
            return true;
        });
    }

    static void clickFirst(WebDriver d, String css) {
        new WebDriverWait(d, WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    /**
     * Picks an option of a PrimeFaces selectOneMenu by its label (null: the first real option). Retried as a
     * user would: a click that lands while the panel is still opening can leave it open, and until it is gone it
     * covers whatever lies below it.
     */
    static void choose(WebDriver d, String id, String label) {
        By panel = By.id(id + "_panel");
        String items = "[id='" + id + "_items'] li";
        By item = label == null ? By.cssSelector(items + ":not(.ui-selectonemenu-item-group):nth-child(2)")
                : By.cssSelector(items + "[data-label='" + label + "']");
        await(d).ignoring(org.openqa.selenium.ElementClickInterceptedException.class)
                .ignoring(org.openqa.selenium.ElementNotInteractableException.class)
                .ignoring(org.openqa.selenium.TimeoutException.class)
                .until(dr -> {
                    if (!dr.findElement(panel).isDisplayed()) {
                        dr.findElement(By.id(id)).click();
                    }
                    new WebDriverWait(dr, Duration.ofSeconds(5)).until(ExpectedConditions.elementToBeClickable(item)).click();
                    new WebDriverWait(dr, Duration.ofSeconds(5)).until(ExpectedConditions.invisibilityOfElementLocated(panel));
                    return true;
                });
        if (label != null) {
            await(d).until(ExpectedConditions.textToBe(By.id(id + "_label"), label));
        }
    }

    /** The row index of a data table whose text contains {@code key} (retried while an ajax update replaces rows). */
    static int rowOf(WebDriver d, String tableId, String key) {
        waitText(d, By.id(tableId), key);
        return await(d).until(x -> {
            for (WebElement row : x.findElements(By.cssSelector("[id='" + tableId + "_data'] > tr"))) {
                if (row.getText().contains(key)) {
                    return Integer.parseInt(row.getAttribute("data-ri"));
                }
            }
            return null;
        });
    }

    /** A wait that also rides out elements replaced by an ajax update. */
    static WebDriverWait await(WebDriver d) {
        WebDriverWait w = new WebDriverWait(d, WAIT);
        w.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return w;
    }

    /**
     * Waits for the page's info message containing a match of {@code regex} and returns its text; fails at once
     * with the error message if one is shown. Re-reads while an ajax update replaces the messages.
     */
    static String infoMessage(WebDriver d, String regex) {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(regex);
        String[] seen = await(d).until(x -> {
            for (WebElement m : x.findElements(By.cssSelector(".ui-messages-info, .ui-messages-error"))) {
                String text = m.getText();
                boolean error = m.getAttribute("class").contains("ui-messages-error");
                if (error || p.matcher(text).find()) {
                    return new String[] {text, error ? "error" : "info"};
                }
            }
            return null;
        });
        assertEquals("info", seen[1], "expected success, got: " + seen[0]);
        return seen[0];
    }

    static String match(String text, String regex) {
        var m = java.util.regex.Pattern.compile(regex).matcher(text);
        return m.find() ? m.group() : null;
    }

    static void shot(WebDriver d, String name) {
        try {
            byte[] png = ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES);
            Files.write(shots.resolve(String.format("walkthrough-%02d-%s.png", ++shotCount, name)), png);
        } catch (IOException | RuntimeException e) {
            System.out.println("screenshot " + name + " failed: " + e);
        }
    }

    static {
        System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
        StandardCharsets.UTF_8.name();
    }
}
