package io.keyval.kv.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.host.testing.Browser;
import io.keyval.host.testing.BrowserHost;
import io.keyval.host.testing.Curl;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The UI on a host whose store is on PostgreSQL: the engine is named, every page loads without a
 * console error, entries are browsed, and a write made with curl reaches the Watch page through the
 * engine's own change notifications.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminUiPostgresBrowserTest {

    @TempDir
    static Path dir;

    private BrowserHost ui;

    @BeforeAll
    void start() throws Exception {
        ui = BrowserHost.onPostgres(dir);
    }

    @AfterAll
    void stop() throws Exception {
        if (ui != null) {
            ui.close();
        }
    }

    @Test
    void everyPageWorksOnPostgres() {
        Browser browser = ui.browser();
        for (int i = 1; i <= 3; i++) {
            assertEquals(200, ui.api().put("/keys/pg/" + i, Map.of("n", i)).status());
        }
        for (String page : UiScreenshots.PAGES) {
            ui.open(page);
            browser.visible(By.cssSelector("#page[data-ready]"));
            assertEquals(List.of(), browser.consoleErrors(), page);
            assertTrue(browser.driver().findElements(By.cssSelector(".status.error")).isEmpty(), page);
        }
        ui.open("");
        browser.waitForText(By.cssSelector("[data-test=overview-cards]"), "PostgreSQL");
        ui.open("/entries?prefix=pg");
        browser.waitFor(d -> d.findElements(By.cssSelector("table.entries tr[data-key]")).size() == 3);

        ui.open("/watch?mode=prefix&targets=pg");
        browser.waitForText(By.cssSelector(".status"), "Watching");
        Curl.run("-X", "PUT", ui.host().baseUrl() + "/keyval/api/keys/pg/4", "-d", "{\"from\":\"curl on postgres\"}");
        browser.waitForText(By.cssSelector("[data-test=events]"), "curl on postgres");
        assertEquals(List.of(), browser.consoleErrors());
    }
}
