package org.fundchain.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Opens portal pages the way a user does. A protected view (faces-config {@code <protected-views>}) opens only
 * through a link that carries the session's token, so it is reached through the side menu; any other page,
 * or a protected page the user has no menu entry for (to see the 403), is requested directly.
 */
public final class PortalNav {
    /** Read from the deployed faces-config, so the tests follow the application's list. */
    public static final Set<String> PROTECTED = protectedViews(Path.of("webapp/WEB-INF/faces-config.xml"));

    private PortalNav() {
    }

    public static void open(WebDriver d, String url) {
        URI u = URI.create(url);
        String path = u.getPath();
        if (!PROTECTED.contains(path) || u.getQuery() != null) {
            d.get(url);
            return;
        }
        String base = url.substring(0, url.indexOf(path, "http://".length()));
        if (!d.getCurrentUrl().startsWith(base + "/") || d.findElements(By.cssSelector("a[id^='menu-']")).isEmpty()) {
            d.get(base + "/index.xhtml");
        }
        WebElement link = null;
        for (WebElement a : d.findElements(By.cssSelector("a[id^='menu-']"))) {
            String href = a.getAttribute("href");
            if (href != null && path.equals(URI.create(href).getPath())) {
                link = a;
            }
        }
        if (link == null) {
            d.get(url);
            return;
        }
        try {
            link.click();
        } catch (WebDriverException e) {
            ((JavascriptExecutor) d).executeScript("arguments[0].click();", link);
        }
        // wait for the next page (it may be the sign-in page, e.g. for a signer disabled meanwhile)
        new WebDriverWait(d, Duration.ofSeconds(60)).until(ExpectedConditions.stalenessOf(link));
    }

    /** The url-patterns of faces-config's {@code <protected-views>}. */
    public static Set<String> protectedViews(Path facesConfig) {
        try {
            String xml = Files.readString(facesConfig);
            Set<String> out = new TreeSet<>();
            Matcher block = Pattern.compile("<protected-views>(.*?)</protected-views>", Pattern.DOTALL).matcher(xml);
            while (block.find()) {
                Matcher m = Pattern.compile("<url-pattern>\\s*([^<\\s]+)\\s*</url-pattern>").matcher(block.group(1));
                while (m.find()) {
                    out.add(m.group(1));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
