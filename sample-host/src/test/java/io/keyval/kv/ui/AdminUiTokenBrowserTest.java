package io.keyval.kv.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.host.testing.Browser;
import io.keyval.host.testing.BrowserHost;
import io.keyval.host.testing.Curl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The UI on a host that requires a bearer token: the pages load without it (they hold no data), the
 * UI asks for the token once, keeps it for the tab, sends it as a header (also for streams, which
 * are read with fetch), and it never appears in a URL the server logs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminUiTokenBrowserTest {

    private static final String TOKEN = "ui-test-token-5f2c";

    @TempDir
    static Path dir;

    private BrowserHost ui;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        ui = BrowserHost.start(dir, Map.of("KEYVAL_AUTH_TOKEN", TOKEN));
        browser = ui.browser();
    }

    @AfterAll
    void stop() throws Exception {
        if (ui != null) {
            ui.close();
        }
    }

    /** Starts without a token in the tab, whatever an earlier test left. */
    private void forgetToken() {
        ui.open("");
        browser.script("sessionStorage.clear()");
    }

    private void enterToken(String token) {
        WebElement field = browser.visible(By.cssSelector("dialog[open] input[name=token]"));
        field.clear();
        field.sendKeys(token);
        browser.visible(By.cssSelector("dialog[open] button[value=ok]")).click();
    }

    @Test
    void asksForTheTokenOnceAndUsesItForRequestsStreamsAndExports() throws Exception {
        forgetToken();
        ui.open("");
        assertTrue(browser.visible(By.cssSelector("dialog[open]")).getText().contains("requires a token"));
        enterToken("wrong");
        // A wrong token is refused by the host, and the UI asks again.
        assertTrue(browser.visible(By.cssSelector("dialog[open]")).getText().contains("Missing or invalid bearer token"));
        enterToken(TOKEN);
        browser.waitForText(By.cssSelector("[data-test=overview-cards]"), "SQLite");

        // Kept for the tab: a reload and another page ask no more; a watch stream carries it too.
        ui.open("/watch?mode=keys&targets=secured/1");
        browser.waitForText(By.cssSelector(".status"), "Watching");
        assertTrue(browser.driver().findElements(By.cssSelector("dialog[open]")).isEmpty());
        Curl.run("-X", "PUT", ui.host().baseUrl() + "/keyval/api/keys/secured/1", "-H", "Authorization: Bearer " + TOKEN,
                "-d", "{\"seen\":\"through the token\"}");
        browser.waitForText(By.cssSelector("[data-test=events]"), "through the token");

        ui.open("/entries?prefix=secured");
        browser.waitFor(d -> d.findElements(By.cssSelector("tr[data-key]")).size() == 1);
        assertTrue(browser.driver().findElements(By.cssSelector("dialog[open]")).isEmpty());
        // An export with a token is read with fetch (a plain download link could not send it), then saved.
        ui.open("");
        browser.visible(By.name("export-prefix")).sendKeys("secured");
        browser.visible(By.xpath("//button[normalize-space()='Download export']")).click();
        String export = Files.readString(browser.awaitDownload("keyval-export-secured-"));
        assertTrue(export.contains("through the token") && export.contains("\"type\":\"end\""), export);
        assertFalse(ui.host().output().contains(TOKEN), "the token is never logged");
        assertFalse(browser.driver().getCurrentUrl().contains(TOKEN));
    }

    @Test
    void cancellingTheTokenFormShowsTheErrorInPlaceAndAsksNoMore() throws Exception {
        forgetToken();
        ui.open("/queue");
        browser.visible(By.cssSelector("dialog[open] button[value=cancel]")).click();
        String error = browser.visible(By.cssSelector(".status.error")).getText();
        assertTrue(error.contains("bearer token") && error.contains("no token entered"), error);
        Thread.sleep(4500); // two refreshes of the live counts
        assertEquals(0, browser.driver().findElements(By.cssSelector("dialog[open]")).size(), "not asked again");
        browser.visible(By.xpath("//button[normalize-space()='Enter token']")).click();
        enterToken(TOKEN);
        browser.visible(By.cssSelector("[data-count=pending]"));
    }
}
