package org.fundchain.it.browser;

import org.fundchain.it.PortalNav;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The portal's sign-in, guards, layout, dashboard, administration and live push in a real browser on a fresh
 * 4-node consortium with demo data (ports 9780-9783 / 10143-10146, target/it-browser).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserIT extends BrowserITBase {
    static final String RUN = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);

    @BeforeAll
    static void up() {
        start("it-browser", 9780, 10143);
    }

    @AfterAll
    static void down() {
        stop();
    }

    @Test
    @Order(1)
    void signedOutVisitorIsSentToSignIn() {
        WebDriver d = browser();
        PortalNav.open(d, url(1, "/admin/users.xhtml"));
        waitFor(d).until(ExpectedConditions.urlContains("/login.xhtml"));
        assertTrue(d.getCurrentUrl().contains("next=%2Fadmin%2Fusers.xhtml"), d.getCurrentUrl());
        PortalNav.open(d, url(1, "/"));
        waitFor(d).until(ExpectedConditions.urlContains("/login.xhtml"));
        shot(d, "01-login");

        login(d, 1, "admin", "not-the-password");
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-error")));
        assertTrue(d.getCurrentUrl().contains("/login.xhtml"));
        assertFalse(d.getPageSource().contains("fc-user"), "no user after a wrong password");
    }

    @Test
    @Order(2)
    void adminSeesTheDashboardWithRealFigures() {
        WebDriver d = browser();
        login(d, 0, "admin");
        long height = Long.parseLong(text(d, "dash-height"));
        assertTrue(height >= 20, "demo data is on the chain: height " + height);
        assertTrue(Integer.parseInt(text(d, "dash-projects")) >= 4);
        assertTrue(Integer.parseInt(text(d, "dash-contracts")) >= 5);
        assertTrue(Integer.parseInt(text(d, "dash-alerts")) >= 1, "the demo anomaly alert");
        assertTrue(Integer.parseInt(text(d, "dash-townships")) >= 1);
        // P1's first milestone (700,000.00) was released through the draft
        BigDecimal released = new BigDecimal(text(d, "dash-released").replaceAll("[^0-9.]", ""));
        assertTrue(released.compareTo(new BigDecimal("700000.00")) >= 0, "released " + released);
        assertFalse(d.findElements(By.cssSelector("#township-table tbody tr")).isEmpty());
        assertFalse(d.findElements(By.cssSelector("canvas")).isEmpty(), "the charts are drawn");
        assertTrue(d.findElement(By.id("fc-user")).getText().contains("平台管理员"));
        assertFalse(d.findElements(By.id("menu-adminUsers")).isEmpty(), "admin menu for the admin");
        shot(d, "02-dashboard-admin");

        PortalNav.open(d, url(0, "/admin/nodes.xhtml"));
        assertEquals(4, d.findElements(By.cssSelector("#peers tbody tr")).size() + 1, "self + 3 peers");
        shot(d, "03-admin-nodes");
    }

    @Test
    @Order(3)
    void countyUserHasNoAdministration() {
        WebDriver d = browser();
        login(d, 3, "countyhq");
        assertTrue(d.findElements(By.id("menu-adminUsers")).isEmpty(), "no admin menu");
        assertFalse(d.findElements(By.id("menu-apply")).isEmpty(), "county HQ may apply");
        assertTrue(d.findElements(By.id("menu-approve")).isEmpty(), "county HQ may not approve");
        PortalNav.open(d, url(3, "/admin/users.xhtml"));
        assertFalse(d.findElements(By.id("forbidden")).isEmpty(), "403 page");
        assertFalse(d.getPageSource().contains(".java:"), "no stack trace");
        shot(d, "04-forbidden-county");
        PortalNav.open(d, url(3, "/projects/approve.xhtml"));
        assertFalse(d.findElements(By.id("forbidden")).isEmpty(), "county HQ cannot open approval");
    }

    @Test
    @Order(4)
    void registrationIsApprovedByTheAdministratorAndScriptStaysText() {
        String username = "clerk" + RUN;
        String name = "<script>alert('x')</script>李娜" + RUN;
        String password = "correct-horse-" + RUN;
        WebDriver u = browser();
        PortalNav.open(u, url(2, "/register.xhtml"));
        u.findElement(By.id("register:username")).sendKeys(username);
        u.findElement(By.id("register:displayName")).sendKeys(name);
        new Select(u.findElement(By.id("register:organisation"))).selectByValue("weining-finance");
        u.findElement(By.id("register:password")).sendKeys(password);
        u.findElement(By.id("register:confirm")).sendKeys("mismatch-" + RUN);
        u.findElement(By.id("register:submit")).click();
        waitFor(u).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-error")));
        shot(u, "05-register-invalid");
        u.findElement(By.id("register:password")).sendKeys(password);
        u.findElement(By.id("register:confirm")).sendKeys(password);
        u.findElement(By.id("register:submit")).click();
        waitFor(u).until(ExpectedConditions.presenceOfElementLocated(By.id("registered")));

        login(u, 2, username, password);
        waitFor(u).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-error")));
        assertTrue(u.getCurrentUrl().contains("/login.xhtml"), "pending: cannot sign in yet");

        WebDriver a = browser();
        login(a, 0, "admin");
        PortalNav.open(a, url(0, "/admin/registrations.xhtml"));
        WebElement row = a.findElement(By.xpath("//tr[contains(@class,'fc-request')][contains(., '李娜" + RUN + "')]"));
        assertTrue(row.getText().contains("<script>"), "the name is shown as text: " + row.getText());
        assertThrows(NoAlertPresentException.class, () -> a.switchTo().alert());
        shot(a, "06-admin-registrations");
        row.findElement(By.cssSelector("button[id$='approve']")).click();
        waitFor(a).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-info")));
        shot(a, "07-admin-approved");

        login(u, 2, username, password);
        waitFor(u).until(ExpectedConditions.presenceOfElementLocated(By.id("fc-user")));
        assertTrue(u.findElement(By.id("fc-user")).getText().contains("<script>"), "escaped in the header");
        assertThrows(NoAlertPresentException.class, () -> u.switchTo().alert());
        shot(u, "08-new-user-dashboard");

        // the administrator disables the new signer on chain: its open session ends at the next page
        PortalNav.open(a, url(0, "/admin/users.xhtml"));
        WebElement userRow = a.findElement(By.xpath("//table[@id='users']//tr[contains(., '李娜" + RUN + "')]"));
        userRow.findElement(By.cssSelector("button[id$='disable']")).click();
        waitFor(a).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-info")));
        PortalNav.open(u, url(2, "/customer/index.xhtml"));
        waitFor(u).until(ExpectedConditions.urlContains("/login.xhtml"));
        assertTrue(u.getCurrentUrl().contains("reason=disabled"), u.getCurrentUrl());
        login(u, 2, username, password);
        waitFor(u).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-error")));
        assertTrue(u.findElements(By.id("fc-user")).isEmpty(), "a disabled signer cannot sign in");
    }

    @Test
    @Order(5)
    void languageSwitchesAndSignOutWorks() {
        WebDriver d = browser();
        login(d, 1, "lgo");
        assertEquals("首页总览", d.findElement(By.cssSelector("h1.fc-title")).getText());
        d.findElement(By.id("lang:en")).click();
        waitFor(d).until(ExpectedConditions.textToBe(By.cssSelector("h1.fc-title"), "Dashboard"));
        assertTrue(d.findElement(By.id("menu-home")).getText().contains("Home"));
        shot(d, "09-dashboard-english");
        d.findElement(By.id("lang:zh")).click();
        waitFor(d).until(ExpectedConditions.textToBe(By.cssSelector("h1.fc-title"), "首页总览"));

        // report a problem: stored and listed, markup shown as text
        PortalNav.open(d, url(1, "/customer/report.xhtml"));
        String subject = "<img src=x onerror=alert(1)> 数据有误 " + RUN;
        d.findElement(By.id("report:subject")).sendKeys(subject);
        d.findElement(By.id("report:text")).sendKeys("项目列表中的预算与批复不一致");
        d.findElement(By.id("report:send")).click();
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".ui-messages-info")));
        assertTrue(d.findElement(By.id("my-reports")).getText().contains(subject));
        assertThrows(NoAlertPresentException.class, () -> d.switchTo().alert());
        shot(d, "09b-report-problem");
        logout(d);
        assertFalse(d.findElements(By.id("bye")).isEmpty());
        PortalNav.open(d, url(1, "/index.xhtml"));
        waitFor(d).until(ExpectedConditions.urlContains("/login.xhtml"));
    }

    @Test
    @Order(6)
    void aCommittedTransactionIsPushedLiveToAnOpenPage() {
        WebDriver d = browser();
        login(d, 0, "lgo");
        PortalNav.open(d, url(0, "/customer/index.xhtml"));
        waitFor(d).until(ExpectedConditions.attributeToBe(By.tagName("html"), "data-push", "open"));
        assertTrue(d.findElements(By.cssSelector("#fc-feed li")).isEmpty());
        String marker = "d.get is not called again";
        ((org.openqa.selenium.JavascriptExecutor) d).executeScript("window.fcMarker = arguments[0];", marker);

        // another organisation's clerk applies on another node: the leading-group office sees it without reload
        var answer = submitAs("countyhq", 2, "project", "apply", Map.of("name", "推送测试项目" + RUN, "county", "威宁县",
                "township", "石门乡", "department", "县农业农村局", "budget", "100000.00",
                "implementationUnit", "shimen-coop", "disbursementChain", List.of("gz-fund-lp", "weining-fund", "shimen-coop"),
                "milestones", List.of(Map.of("name", "建设", "amount", "100000.00"))));
        assertEquals("COMMITTED", answer.string("status"), () -> answer.status() + " " + answer.body());
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#fc-feed li.fc-feed-project")));
        assertTrue(d.findElement(By.id("fc-feed")).getText().contains("推送测试项目" + RUN));
        assertEquals(marker, ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return window.fcMarker;"),
                "the page was not reloaded");
        assertFalse(d.findElements(By.cssSelector(".fc-toast")).isEmpty(), "a toast is shown");
        shot(d, "10-live-push");
    }

    @Test
    @Order(7)
    void aProtectedPageOpensOnlyThroughThePortalsOwnLink() {
        WebDriver d = browser();
        login(d, 1, "admin");
        // typed address, bookmark or another site's link: no token, so no form, but a notice and the link
        d.get(url(1, "/admin/users.xhtml"));
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.id("protected")));
        assertTrue(d.findElements(By.id("users")).isEmpty(), "the protected page is not rendered");
        assertFalse(d.getPageSource().contains(".java:"), "no stack trace");
        shot(d, "11-protected-view-notice");
        d.get(url(1, "/admin/users.xhtml?jakarta.faces.Token=forged-" + RUN));
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.id("protected")));
        assertTrue(d.findElements(By.id("users")).isEmpty(), "a forged token is refused");
        // the notice's own link carries the session's token: the page opens
        d.get(url(1, "/admin/users.xhtml"));
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.id("protected-continue"))).click();
        waitFor(d).until(ExpectedConditions.presenceOfElementLocated(By.id("users")));
        assertTrue(d.getCurrentUrl().contains("jakarta.faces.Token="), d.getCurrentUrl());
        // and the menu's link does too
        d.get(url(1, "/index.xhtml"));
        String href = d.findElement(By.id("menu-adminUsers")).getAttribute("href");
        assertTrue(href.contains("jakarta.faces.Token="), href);
        assertFalse(d.findElement(By.id("menu-monitor")).getAttribute("href").contains("Token"),
                "unprotected pages keep plain, bookmarkable links");
    }

    private static String text(WebDriver d, String id) {
        return d.findElement(By.id(id)).getText().trim();
    }
}
