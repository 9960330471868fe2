package io.keyval.kv.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.host.testing.Browser;
import io.keyval.host.testing.BrowserHost;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The Watch page across a restart of the host: it says the connection was lost, reconnects by itself
 * and resumes after the last versionstamp it saw (Last-Event-ID), so a change made while it was away
 * still shows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchReconnectBrowserTest {

    @TempDir
    static Path dir;

    private BrowserHost ui;

    @BeforeAll
    void start() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ui = BrowserHost.start(dir, Map.of("KEYVAL_PORT", String.valueOf(port)));
    }

    @AfterAll
    void stop() throws Exception {
        if (ui != null) {
            ui.close();
        }
    }

    @Test
    void reconnectsAfterARestartAndShowsWhatChangedMeanwhile() throws Exception {
        Browser browser = ui.browser();
        assertEquals(200, ui.api().put("/keys/rc/2", "\"untouched\"").status());
        ui.open("/watch?mode=keys&targets=rc/1,rc/2");
        browser.waitForText(By.cssSelector(".status"), "Watching");
        assertEquals(200, ui.api().put("/keys/rc/1", "{\"v\":\"before the restart\"}").status());
        browser.waitForText(By.cssSelector("[data-test=events]"), "before the restart");

        ui.restartHost();
        browser.waitForText(By.cssSelector(".status"), "econnecting");
        assertEquals(200, ui.api().put("/keys/rc/1", "{\"v\":\"after the restart\"}").status());
        browser.waitFor(Duration.ofSeconds(45), d -> d.findElement(By.cssSelector("[data-test=events]"))
                .getText().contains("after the restart"));
        browser.waitForText(By.cssSelector(".status"), "Watching");
        // Resumed, not restarted: the unchanged key is in the first snapshot only, not reported again.
        @SuppressWarnings("unchecked")
        List<String> events = (List<String>) browser.script(
                "return [...document.querySelectorAll('[data-test=events] > li')].map(e => e.textContent)");
        assertEquals(1, events.stream().filter(e -> e.contains("untouched")).count(), events::toString);
        assertTrue(events.get(0).contains("after reconnecting") && events.get(0).contains("after the restart"), events::toString);
    }
}
