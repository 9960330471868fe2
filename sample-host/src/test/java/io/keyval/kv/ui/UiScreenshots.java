package io.keyval.kv.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyval.host.testing.Browser;
import io.keyval.host.testing.BrowserHost;
import io.keyval.host.testing.HttpClientHelper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * Fills a store with a little of everything and saves a screenshot of every page of the UI, each in a
 * state that shows what the page is for. They go to {@code target/ui-screenshots}, or to the directory
 * in {@code KEYVAL_UI_SCREENSHOTS}: {@code KEYVAL_UI_SCREENSHOTS=$PWD/docs/ui mvn -pl sample-host test
 * -Dtest=AdminUiBrowserTest#screenshotsOfEveryPage} refreshes the ones the README shows.
 */
final class UiScreenshots {

    /** Every page of the UI, as paths below {@code /keyval}. */
    static final List<String> PAGES = List.of("", "/entries", "/queue", "/search", "/watch", "/atomic", "/metrics");

    private UiScreenshots() {
    }

    /**
     * @param ui the host and browser
     * @param curl writes a value with curl: (API path, JSON body)
     */
    static void take(BrowserHost ui, BiConsumer<String, String> curl) throws Exception {
        String configured = System.getenv("KEYVAL_UI_SCREENSHOTS");
        Path out = configured != null && !configured.isBlank() ? Path.of(configured) : Path.of("target", "ui-screenshots");
        Browser browser = ui.browser();
        HttpClientHelper api = ui.api();
        seed(api);
        browser.resize(1280, 1000);
        try {
            // The entry count comes from the server's background pass (every 10 s), the rate from two samples.
            ui.open("");
            browser.waitFor(Duration.ofSeconds(30), d -> {
                String cards = d.findElement(By.cssSelector("[data-test=overview-cards]")).getText();
                return cards.contains("SQLite") && !cards.contains("Entries\n0\n") && !cards.contains("…");
            });
            browser.screenshot(out.resolve("overview.png"));

            ui.open("/entries");
            browser.visible(By.cssSelector("[data-test=children] a"));
            browser.screenshot(out.resolve("entries.png"));
            ui.open("/entries?prefix=users&key=" + encode("[\"users\",3]"));
            browser.visible(By.name("value"));
            browser.screenshot(out.resolve("entries-edit.png"));

            ui.open("/queue");
            browser.visible(By.cssSelector("table.dlq tr[data-id]"));
            browser.screenshot(out.resolve("queue.png"));

            ui.open("/search");
            new Select(browser.visible(By.name("index"))).selectByValue("[\"articles\"]");
            browser.visible(By.name("query")).sendKeys("run*");
            browser.visible(AdminUiBrowserTest.button("Search")).click();
            browser.waitForText(By.cssSelector("section .status"), "result");
            browser.screenshot(out.resolve("search.png"));

            ui.open("/watch?mode=prefix&targets=users");
            browser.waitForText(By.cssSelector(".status"), "Watching");
            curl.accept("/keys/users/4", "{\"name\":\"Dora\",\"plan\":\"team\",\"age\":29}");
            curl.accept("/keys/users/13", "{\"name\":\"Mia\",\"plan\":\"free\",\"age\":22}");
            browser.waitForText(By.cssSelector("[data-test=events]"), "Mia");
            browser.screenshot(out.resolve("watch.png"));

            ui.open("/atomic");
            browser.visible(AdminUiBrowserTest.button("Fill an example")).click();
            browser.visible(AdminUiBrowserTest.button("Commit")).click();
            browser.waitForText(By.cssSelector(".status"), "Committed");
            browser.visible(AdminUiBrowserTest.button("Commit")).click(); // the check (absent) fails now
            browser.visible(By.cssSelector("[data-test=result] tr[data-holds=false]"));
            browser.screenshot(out.resolve("atomic.png"));

            ui.open("/metrics");
            long until = System.currentTimeMillis() + 9_000;
            Thread load = new Thread(() -> {
                for (int i = 0; System.currentTimeMillis() < until; i++) {
                    api.get("/keys/users/1");
                    api.put("/keys/load/x", "{\"n\":1}");
                    // a sum on an object is refused: a few errors to show
                    List<Object> key = i % 40 == 0 ? List.of("users", 1) : List.of("load", "counter");
                    api.post("/atomic", Map.of("mutations", List.of(Map.of("type", "sum", "key", key, "value", 1))));
                }
            });
            load.start();
            browser.waitFor(d -> (Long) browser.script("return document.querySelectorAll('svg.chart path').length") >= 3);
            load.join();
            // The refused sums are errors, and the table says so where it matters.
            browser.visible(By.cssSelector("tr.has-errors[data-operation=atomic_commit]"));
            AdminUiBrowserTest.sleepQuietly(2500);
            browser.screenshot(out.resolve("metrics.png"));
        } finally {
            browser.resize(1280, 900);
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void seed(HttpClientHelper api) {
        String[][] people = {{"Ada", "team"}, {"Bob", "free"}, {"Carla", "pro"}, {"Dora", "team"}, {"Emil", "free"},
                {"Femi", "pro"}, {"Gus", "free"}, {"Hana", "team"}, {"Ivo", "pro"}, {"Jun", "free"}};
        for (int i = 0; i < people.length; i++) {
            api.put("/keys/users/" + (i + 1), Map.of("name", people[i][0], "plan", people[i][1], "age", 20 + 3 * i,
                    "email", people[i][0].toLowerCase() + "@example.org"));
        }
        api.post("/atomic", Map.of("mutations", List.of(
                Map.of("type", "set", "key", List.of("devices", Map.of("__type", "bigint", "value", "90071992547409931"), true),
                        "value", Map.of("model", "sensor")),
                Map.of("type", "set", "key", List.of("devices", Map.of("__type", "bytes", "value", "AQID")), "value", "raw"))));
        for (String[] doc : new String[][] {{"a", "Running a store on SQLite"}, {"b", "Runners and walkers"},
                {"c", "Queues with retries and dead letters"}, {"d", "Watching keys live"}}) {
            api.put("/keys/articles/" + doc[0], Map.of("title", doc[1], "status", "published"));
        }
        api.post("/indexes", Map.of("prefix", List.of("articles"), "options", Map.of("fields", List.of("title"), "tokenize", "porter")));
        api.post("/queue/enqueue", Map.of("value", Map.of("to", "ada@example.org"), "options", Map.of("delay", 3_600_000)));
        api.post("/queue/enqueue", Map.of("value", Map.of("report", "weekly"), "options", Map.of("delay", 3_600_000, "priority", 5)));
        api.post("/queue/enqueue", Map.of("value", Map.of("to", "bounce@example.org"),
                "options", Map.of("backoffSchedule", List.of(), "priority", 1000)));
        String id = api.get("/queue/poll").json().at("/message/id").asText();
        assertEquals(200, api.post("/queue/nack", Map.of("id", id, "error", "SMTP 550: mailbox unavailable")).status());
    }
}
