package io.keyval.kv.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.host.testing.Browser;
import io.keyval.host.testing.BrowserHost;
import io.keyval.host.testing.Curl;
import io.keyval.host.testing.HttpClientHelper;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin UI in headless Chromium against a real host on SQLite: every page loads without a
 * console error or a request elsewhere, fits a phone-sized window, and does what its controls say,
 * checked through the HTTP API. Writes made outside the browser (curl) show on the Watch page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminUiBrowserTest {

    @TempDir
    static Path dir;

    private BrowserHost ui;
    private Browser browser;
    private HttpClientHelper api;

    @BeforeAll
    void start() throws Exception {
        ui = BrowserHost.start(dir, Map.of());
        browser = ui.browser();
        api = ui.api();
    }

    @AfterAll
    void stop() throws Exception {
        if (ui != null) {
            ui.close();
        }
    }

    static By button(String text) {
        return By.xpath("//button[normalize-space()='" + text + "']");
    }

    private void click(String buttonText) {
        browser.visible(button(buttonText)).click();
    }

    private void type(By field, String text) {
        WebElement input = browser.visible(field);
        input.clear();
        input.sendKeys(text);
    }

    private void confirm() {
        browser.visible(By.cssSelector("dialog[open] button.danger")).click();
        browser.waitFor(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
    }

    private String status() {
        return browser.visible(By.cssSelector(".status:not(:empty)")).getText();
    }

    /** @return the keys of the rows on the Entries page, read in one script (the rows may be replaced meanwhile) */
    @SuppressWarnings("unchecked")
    private List<String> rowKeys() {
        return (List<String>) browser.script(
                "return [...document.querySelectorAll('table.entries tbody tr[data-key]')].map(r => r.dataset.key)");
    }

    /** Loads a page and waits until its first answers are shown (the page marks itself ready). */
    private void openReady(String page) {
        ui.open(page);
        browser.visible(By.cssSelector("#page[data-ready]"));
    }

    @Test
    void everyPageLoadsWithoutConsoleErrorsAndFitsANarrowWindow() {
        // Data that could break a page: markup in keys and values (shown as text, never run), a long key part.
        String markup = "<img src=x onerror=\"document.title='owned'\">";
        assertEquals(200, api.post("/atomic", Map.of("mutations", List.of(
                Map.of("type", "set", "key", List.of("odd", markup), "value", Map.of("html", markup)),
                Map.of("type", "set", "key", List.of("odd", "k".repeat(300)), "value", "x".repeat(400))))).status());
        for (String page : UiScreenshots.PAGES) {
            openReady(page);
            browser.visible(By.cssSelector("nav#nav a[aria-current=page]"));
            assertEquals(List.of(), browser.consoleErrors(), page);
            assertEquals(List.of(), browser.foreignRequests(), page);
            assertTrue(browser.driver().findElements(By.cssSelector(".status.error")).isEmpty(),
                    () -> page + ": " + browser.driver().findElement(By.cssSelector(".status.error")).getText());
        }
        openReady("/entries?prefix=odd");
        assertTrue(browser.visible(By.cssSelector("table.entries")).getText().contains(markup), "markup shown as text");
        assertEquals(0L, browser.script("return document.querySelectorAll('#page img').length"));
        assertFalse(browser.driver().getTitle().contains("owned"));

        browser.resize(390, 844);
        try {
            for (String page : List.of("", "/entries", "/entries?prefix=odd", "/entries?prefix=odd&key="
                    + "%5B%22odd%22%2C%22" + "k".repeat(300) + "%22%5D", "/queue", "/search", "/watch", "/atomic", "/metrics")) {
                openReady(page);
                long overflow = (Long) browser.script("return document.documentElement.scrollWidth - window.innerWidth");
                assertTrue(overflow <= 0, page + " is wider than a 390 px window by " + overflow + " px");
            }
        } finally {
            browser.resize(1280, 900);
        }
    }

    @Test
    void createEditAndDeleteAnEntry() {
        ui.open("/entries?prefix=crud");
        click("New entry");
        WebElement key = browser.visible(By.name("key"));
        assertEquals("crud/", key.getAttribute("value"));
        key.sendKeys("alpha");
        type(By.name("value"), "{\"n\": 1, oops}");
        assertTrue(browser.visible(By.cssSelector(".editor .hint.error-text")).getText().contains("JSON"), "the hint says why");
        click("Create");
        assertTrue(browser.waitForText(By.cssSelector(".editor .status"), "not valid JSON").contains("Value (JSON)"));
        assertEquals(404, api.get("/keys/crud/alpha").status(), "nothing written from invalid JSON");

        type(By.name("value"), "{\"n\": 1}");
        click("Create");
        browser.waitForText(By.cssSelector(".editor .status"), "Saved with versionstamp");
        assertEquals(1, api.get("/keys/crud/alpha").json().at("/value/n").asInt());
        browser.waitFor(d -> rowKeys().contains("[\"crud\",\"alpha\"]"));

        // Edit from the list, with a TTL.
        click("Edit");
        type(By.name("value"), "{\"n\": 2}");
        type(By.name("expiresIn"), "1h");
        click("Save");
        browser.waitForText(By.cssSelector(".editor .status"), "Saved with versionstamp");
        assertEquals(2, api.get("/keys/crud/alpha").json().at("/value/n").asInt());

        // A write made elsewhere meanwhile is not overwritten: the save checks the versionstamp.
        api.put("/keys/crud/alpha", "{\"n\": 99}");
        type(By.name("value"), "{\"n\": 3}");
        click("Save");
        assertTrue(browser.waitForText(By.cssSelector(".editor .status.error"), "changed").contains("since you opened it"));
        assertEquals(99, api.get("/keys/crud/alpha").json().at("/value/n").asInt());

        // Typed key parts: a bigint and a boolean, shown as such.
        ui.open("/entries?prefix=crud");
        click("New entry");
        type(By.name("key"), "[\"crud\", {\"__type\":\"bigint\",\"value\":\"7\"}, true]");
        type(By.name("value"), "\"typed\"");
        click("Create");
        browser.waitForText(By.cssSelector(".editor .status"), "Saved");
        WebElement typed = browser.waitFor(d -> d.findElements(By.cssSelector("tr[data-key]")).stream()
                .filter(r -> r.getAttribute("data-key").contains("bigint")).findFirst().orElse(null));
        assertTrue(typed.findElement(By.cssSelector(".part-bigint")).getText().endsWith("7n"));
        assertTrue(typed.findElement(By.cssSelector(".part-boolean")).getText().endsWith("true"));

        // Numbers are edited as written: one a browser cannot hold exactly, and a trailing zero, survive
        // an edit of another member (the store keeps values byte for byte).
        curl("PUT", "/keys/crud/exact", "{\"big\": 12345678901234567890, \"ok\": 1.50, \"n\": 1}");
        ui.open("/entries?prefix=crud&key=" + URLEncoder.encode("[\"crud\",\"exact\"]", StandardCharsets.UTF_8));
        WebElement exact = browser.visible(By.name("value"));
        String shown = exact.getAttribute("value");
        assertTrue(shown.contains("12345678901234567890") && shown.contains("1.50"), shown);
        exact.clear();
        exact.sendKeys(shown.replace("\"n\": 1", "\"n\": 2"));
        click("Save");
        browser.waitForText(By.cssSelector(".editor .status"), "Saved with versionstamp");
        assertTrue(api.get("/keys/crud/exact").body().contains("\"value\":{\"big\":12345678901234567890,\"ok\":1.50,\"n\":2}"),
                () -> api.get("/keys/crud/exact").body());
        assertTrue(browser.visible(By.cssSelector("tr[data-key='[\"crud\",\"exact\"]']")).getText().contains("12345678901234567890"),
                "the list shows the number as stored");
        api.delete("/keys/crud/exact");
        ui.open("/entries?prefix=crud");

        // Delete exactly one key: the dialog says so, and the sibling stays.
        WebElement alpha = browser.visible(By.cssSelector("tr[data-key='[\"crud\",\"alpha\"]']"));
        alpha.findElement(By.xpath(".//button[text()='Delete']")).click();
        assertTrue(browser.visible(By.cssSelector("dialog[open]")).getText().contains("Deletes exactly the key"));
        confirm();
        browser.waitFor(d -> !rowKeys().contains("[\"crud\",\"alpha\"]"));
        assertEquals(404, api.get("/keys/crud/alpha").status());
        assertEquals(1, rowKeys().size(), "the typed entry is still there");
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void deletingAPrefixAsksWithTheCountAndCancelKeepsEverything() {
        for (int i = 0; i < 3; i++) {
            api.put("/keys/gone/" + i, "{\"i\":" + i + "}");
        }
        ui.open("/entries?prefix=gone");
        click("Delete this prefix…");
        String text = browser.visible(By.cssSelector("dialog[open]")).getText();
        assertTrue(text.contains("the 3 entries under it") && text.contains("prefix delete"), text);
        // The safe choice has the focus: Enter cancels; so does Escape.
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.waitFor(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
        click("Delete this prefix…");
        browser.visible(By.cssSelector("dialog[open]"));
        browser.driver().switchTo().activeElement().sendKeys(Keys.ESCAPE);
        browser.waitFor(d -> d.findElements(By.cssSelector("dialog[open]")).isEmpty());
        assertEquals(3, api.get("/keys/count?prefix=gone").json().get("count").asInt(), "cancel deletes nothing");
        click("Delete this prefix…");
        confirm();
        assertTrue(status().contains("3 entries deleted"));
        assertEquals(0, api.get("/keys/count?prefix=gone").json().get("count").asInt());
    }

    @Test
    void browsesAPrefixOf5000EntriesPageByPage() {
        for (int batch = 0; batch < 5; batch++) {
            List<Map<String, Object>> sets = new ArrayList<>();
            for (int i = batch * 1000; i < (batch + 1) * 1000; i++) {
                sets.add(Map.of("type", "set", "key", List.of("big", i), "value", Map.of("i", i)));
            }
            assertEquals(200, api.post("/atomic", Map.of("mutations", sets)).status());
        }
        ui.open("/entries?prefix=big&size=100");
        browser.waitFor(d -> rowKeys().size() == 100);
        assertEquals("[\"big\",0]", rowKeys().get(0));
        for (int page = 1; page <= 3; page++) {
            String before = rowKeys().get(0);
            click("Next →");
            browser.waitFor(d -> !rowKeys().get(0).equals(before));
        }
        assertEquals("[\"big\",300]", rowKeys().get(0));
        assertEquals("[\"big\",399]", rowKeys().get(99));
        assertTrue(browser.visible(By.cssSelector("[data-test=page-info]")).getText().startsWith("entries 301–400"));
        click("← Previous");
        browser.waitFor(d -> rowKeys().get(0).equals("[\"big\",200]"));

        // The largest page size: ten pages hold all 5,000, in order, and the last has no Next.
        ui.open("/entries?prefix=big&size=500");
        List<String> all = new ArrayList<>();
        for (int page = 0; page < 10; page++) {
            int expectedFirst = page * 500;
            browser.waitFor(d -> rowKeys().size() == 500 && rowKeys().get(0).equals("[\"big\"," + expectedFirst + "]"));
            all.addAll(rowKeys());
            if (page < 9) {
                click("Next →");
            }
        }
        assertEquals(IntStream.range(0, 5000).mapToObj(i -> "[\"big\"," + i + "]").toList(), all);
        assertFalse(browser.visible(button("Next →")).isEnabled());

        // A where filter applies before the page size, page after page; typed and submitted by keyboard.
        new Select(browser.visible(By.name("size"))).selectByValue("100");
        WebElement where = browser.visible(By.name("where"));
        where.clear();
        where.sendKeys("{\"i\": {\"$gte\": 4790}}", Keys.ENTER);
        browser.waitFor(d -> rowKeys().size() == 100 && rowKeys().get(0).equals("[\"big\",4790]"));
        // The key a page ended on is deleted before the next page is asked for: the next page still follows it.
        api.delete("/keys/big/4889");
        click("Next →");
        browser.waitFor(d -> rowKeys().size() == 100 && rowKeys().get(0).equals("[\"big\",4890]"));
        click("Next →");
        browser.waitFor(d -> rowKeys().size() == 10 && rowKeys().get(0).equals("[\"big\",4990]"));
        assertFalse(browser.visible(button("Next →")).isEnabled());
        click("← Previous");
        browser.waitFor(d -> rowKeys().get(0).equals("[\"big\",4890]"));
    }

    @Test
    void enqueuesDeadLettersAndRequeuesAMessage() {
        ui.open("/queue");
        int pending = count("pending");
        type(By.name("message-value"), "{\"job\": \"from-the-ui\"}");
        type(By.name("priority"), "1000");
        type(By.name("backoff"), "[]");
        click("Enqueue");
        browser.waitForText(By.cssSelector("section .status"), "Enqueued message");
        browser.waitFor(d -> count("pending") == pending + 1);

        click("Receive one message");
        assertTrue(browser.waitForText(By.cssSelector(".message"), "from-the-ui").contains("from-the-ui"));
        type(By.name("nack-error"), "boom from the UI");
        click("Nack");
        // One attempt only: the nack dead-letters it, and the list shows it with its error.
        WebElement dead = browser.waitFor(d -> d.findElements(By.cssSelector("table.dlq tr[data-id]")).stream()
                .filter(r -> r.getText().contains("boom from the UI")).findFirst().orElse(null));
        browser.waitFor(d -> count("pending") == pending);
        String id = dead.getAttribute("data-id");
        assertEquals(200, api.get("/queue/dlq/" + id).status());

        dead.findElement(By.xpath(".//button[text()='View']")).click();
        assertTrue(browser.visible(By.cssSelector("table.dlq tr.detail pre")).getText().contains("\"originalId\""));
        browser.visible(By.cssSelector("table.dlq tr[data-id='" + id + "'] button:not(.secondary):not(.danger)")).click();
        browser.waitForText(By.cssSelector("section .status"), "Requeued as message");
        browser.waitFor(d -> count("pending") == pending + 1);
        assertEquals(404, api.get("/queue/dlq/" + id).status());
        JsonNode polled = api.get("/queue/poll").json().get("message");
        assertEquals("from-the-ui", polled.at("/value/job").asText());
        api.post("/queue/ack", Map.of("id", polled.get("id").asText()));

        // Purge, after a confirmation.
        api.post("/queue/enqueue", Map.of("value", "doomed", "options", Map.of("backoffSchedule", List.of(), "priority", 1000)));
        JsonNode doomed = api.get("/queue/poll").json().get("message");
        api.post("/queue/nack", Map.of("id", doomed.get("id").asText()));
        browser.waitFor(d -> count("dlq") >= 1);
        click("Purge all…");
        confirm();
        browser.waitFor(d -> count("dlq") == 0);
        assertEquals(0, api.get("/queue/stats").json().get("dlq").asInt());
    }

    /** @return a count on the Queue page, read in one script (the cards are replaced as counts change) */
    private int count(String name) {
        browser.visible(By.cssSelector("[data-count=" + name + "] .value"));
        String text = (String) browser.script("return document.querySelector('[data-count=' + arguments[0] + '] .value').textContent", name);
        return Integer.parseInt(text.replace(",", ""));
    }

    @Test
    void createsAnIndexAndFindsADocumentLinkedToItsEntry() {
        api.put("/keys/notes/a", Map.of("title", "Running the store at night", "status", "published"));
        api.put("/keys/notes/b", Map.of("title", "The runner's guide", "status", "draft"));
        api.put("/keys/notes/c", Map.of("title", "Walking", "status", "published"));
        ui.open("/search");
        type(By.name("index-prefix"), "notes");
        type(By.name("index-fields"), "title");
        new Select(browser.visible(By.name("tokenize"))).selectByValue("porter");
        click("Create index");
        browser.waitForText(By.cssSelector(".status"), "Index created");
        JsonNode created = null;
        for (JsonNode index : api.get("/indexes").json()) {
            if (index.get("prefix").toString().equals("[\"notes\"]")) {
                created = index;
            }
        }
        assertEquals("porter", created == null ? null : created.get("tokenize").asText());

        new Select(browser.visible(By.name("index"))).selectByValue("[\"notes\"]");
        type(By.name("query"), "run");
        type(By.name("search-where"), "{\"status\": \"published\"}");
        click("Search");
        browser.waitForText(By.cssSelector("section .status"), "1 result");
        WebElement link = browser.visible(By.cssSelector("table.results a"));
        assertTrue(URLDecoder.decode(link.getAttribute("href"), StandardCharsets.UTF_8).contains("key=[\"notes\",\"a\"]"),
                link.getAttribute("href"));
        link.click();
        browser.waitFor(d -> d.getCurrentUrl().contains("/keyval/entries"));
        WebElement value = browser.visible(By.name("value"));
        assertTrue(value.getAttribute("value").contains("Running the store at night"));
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void aWriteMadeWithCurlAppearsOnTheWatchPage() {
        ui.open("/watch?mode=keys&targets=watched/1");
        browser.waitForText(By.cssSelector(".status"), "Watching");
        curl("PUT", "/keys/watched/1", "{\"from\":\"curl\"}");
        browser.waitForText(By.cssSelector("[data-test=events]"), "curl");

        click("Pause");
        curl("PUT", "/keys/watched/1", "{\"from\":\"curl again\"}");
        browser.waitForText(By.cssSelector(".toolbar button"), "1 held");
        assertFalse(browser.visible(By.cssSelector("[data-test=events]")).getText().contains("curl again"));
        click("Resume (1 held)");
        browser.waitForText(By.cssSelector("[data-test=events]"), "curl again");
        curl("DELETE", "/keys/watched/1", null);
        browser.waitForText(By.cssSelector("[data-test=events]"), "deleted or expired");
        click("Clear");
        assertEquals(0, browser.driver().findElements(By.cssSelector("[data-test=events] > li")).size());

        // Prefixes too, written as a JSON key.
        ui.open("/watch?mode=prefix&targets=" + URLEncoder.encode("[\"watched\"]", StandardCharsets.UTF_8));
        browser.waitForText(By.cssSelector(".status"), "Watching");
        curl("PUT", "/keys/watched/2", "{\"from\":\"curl under the prefix\"}");
        browser.waitForText(By.cssSelector("[data-test=events]"), "under the prefix");
        assertEquals(List.of(), browser.consoleErrors());
    }

    /** A write with curl, as a user would make one from a terminal. */
    private void curl(String method, String path, String body) {
        String url = ui.host().baseUrl() + "/keyval/api" + path;
        if (body == null) {
            Curl.run("-X", method, url);
        } else {
            Curl.run("-X", method, url, "-d", body);
        }
    }

    @Test
    void anAtomicCommitWithAFailingCheckShowsWhichCheckFailed() {
        String stamp = api.put("/keys/acct/a", "{\"balance\": 10}").json().get("versionstamp").asText();
        ui.open("/atomic");
        click("Add check");
        type(By.name("check-key"), "acct/a");
        type(By.name("check-versionstamp"), "00000000000000000001");
        new Select(browser.visible(By.name("mutation-type"))).selectByValue("sum");
        type(By.name("mutation-key"), "acct/b");
        type(By.name("mutation-value"), "5");
        assertTrue(browser.visible(By.cssSelector("[data-test=body]")).getText().contains("{\"type\":\"sum\",\"key\":[\"acct\",\"b\"],\"value\":5}"));
        click("Commit");
        browser.waitForText(By.cssSelector(".status.error"), "A check failed");
        WebElement failed = browser.visible(By.cssSelector("[data-test=result] tr[data-holds=false]"));
        assertTrue(failed.getText().contains(stamp), failed.getText());
        assertEquals(404, api.get("/keys/acct/b").status(), "nothing written");

        type(By.name("check-versionstamp"), stamp);
        click("Commit");
        browser.waitForText(By.cssSelector(".status.ok"), "Committed with versionstamp");
        assertEquals(5, api.get("/keys/acct/b").json().get("value").asInt());

        // The example: UUIDv7 placeholders in a key and in values resolve to one id.
        for (String prefix : List.of("orders", "orders-index", "counters")) {
            api.delete("/keys/" + prefix);
        }
        click("Fill an example");
        click("Commit");
        browser.waitForText(By.cssSelector(".status.ok"), "Committed");
        JsonNode order = api.get("/keys?prefix=orders").json().get(0);
        String id = order.at("/key/1").asText();
        assertTrue(id.matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}"), id);
        assertEquals(id, order.at("/value/id").asText());
        assertEquals(id, api.get("/keys/orders-index").json().at("/value/0").asText());
        assertEquals(List.of(), browser.consoleErrors());
    }

    @Test
    void exportsAPrefixAndImportsItBackWithProgress() throws Exception {
        browser.consoleErrors(); // what earlier tests logged: only this test's messages are checked below
        for (int i = 1; i <= 3; i++) {
            api.put("/keys/exp/" + i, Map.of("n", i));
        }
        ui.open("");
        type(By.name("export-prefix"), "exp");
        click("Download export");
        Path file = browser.awaitDownload("keyval-export-exp-");
        List<String> lines = Files.readAllLines(file);
        assertEquals(5, lines.size(), () -> String.join("\n", lines));
        assertTrue(lines.get(1).contains("\"key\":[\"exp\",1]") && lines.get(4).contains("\"type\":\"end\""), lines::toString);

        assertEquals(3, api.delete("/keys/exp").json().get("deletedCount").asInt());
        browser.visible(By.name("import-file")).sendKeys(file.toAbsolutePath().toString());
        click("Import");
        assertTrue(browser.waitForText(By.cssSelector("section .status"), "Imported").contains("3 entries written"));
        assertEquals(1.0, ((Number) browser.script("return document.querySelector('progress').value / 100")).doubleValue());
        assertEquals(3, api.get("/keys/count?prefix=exp").json().get("count").asInt());

        // A bad line stops the import; the error names it, in place.
        Path bad = dir.resolve("bad.ndjson");
        Files.writeString(bad, lines.get(0) + "\n{\"type\":\"entry\",\"key\":[\"exp\",9],\"value\":1}\nnot json\n");
        browser.visible(By.name("import-file")).sendKeys(bad.toAbsolutePath().toString());
        click("Import");
        String error = browser.waitForText(By.cssSelector("section .status.error"), "line 3");
        assertTrue(error.contains("applied before it: 1 entries written"), error);
        List<String> logged = browser.consoleErrors();
        assertEquals(1, logged.size(), logged::toString);
        assertTrue(logged.get(0).contains("/keyval/api/import") && logged.get(0).contains("400"), "only the refused import");
    }

    @Test
    void screenshotsOfEveryPage() throws Exception {
        UiScreenshots.take(ui, (path, body) -> curl("PUT", path, body));
        assertEquals(List.of(), browser.consoleErrors());
    }

    static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
