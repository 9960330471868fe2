package io.keyval.host.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven through chromedriver, both from Debian's packages ({@code chromium},
 * {@code chromium-driver}); Selenium never downloads a browser or a driver. When either is missing the
 * calling test is skipped with a notice, or fails under {@code KEYVAL_REQUIRE_BROWSER=true} (CI
 * installs both). Console messages are collected, so a test can assert that a page logged no error.
 *
 * <pre>{@code
 * try (Browser browser = Browser.open(tempDir)) {
 *     browser.driver().get(host.baseUrl() + "/keyval");
 *     assertEquals(List.of(), browser.consoleErrors());
 * }
 * }</pre>
 */
public final class Browser implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final ChromeDriver driver;
    private final Path downloads;

    private Browser(ChromeDriver driver, Path downloads) {
        this.driver = driver;
        this.downloads = downloads;
    }

    /**
     * @param profileDir a fresh directory for the browser's profile; downloads go to its {@code downloads}
     * @return a headless browser with a 1280×900 window
     */
    public static Browser open(Path profileDir) {
        Path chromium = executable("KEYVAL_CHROMIUM", "/usr/bin/chromium");
        Path chromedriver = executable("KEYVAL_CHROMEDRIVER", "/usr/bin/chromedriver");
        if (chromium == null || chromedriver == null) {
            String message = "Chromium or chromedriver is not installed (Debian packages chromium, chromium-driver):"
                    + " admin UI browser tests SKIPPED";
            if ("true".equalsIgnoreCase(System.getenv("KEYVAL_REQUIRE_BROWSER"))) {
                throw new AssertionError(message + " but KEYVAL_REQUIRE_BROWSER=true requires them");
            }
            System.err.println("*** " + message + " ***");
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile());
        // The flags keep a headless Chromium from calling Google's services, which a closed network refuses.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=1280,900", "--lang=en-US",
                "--user-data-dir=" + profileDir.toAbsolutePath());
        Path downloads = profileDir.resolve("downloads");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options), downloads);
    }

    private static Path executable(String variable, String fallback) {
        String configured = System.getenv(variable);
        Path path = Path.of(configured != null && !configured.isBlank() ? configured : fallback);
        return Files.isExecutable(path) ? path : null;
    }

    /** @return where the browser saves downloads */
    public Path downloads() {
        return downloads;
    }

    /**
     * @param nameStart how the file's name starts
     * @return the downloaded file, once the browser has finished writing it (up to 15 s)
     */
    public Path awaitDownload(String nameStart) {
        return waitFor(d -> {
            try (var files = Files.list(downloads)) {
                List<Path> all = files.toList();
                boolean writing = all.stream().anyMatch(f -> f.getFileName().toString().endsWith(".crdownload"));
                return writing ? null : all.stream().filter(f -> f.getFileName().toString().startsWith(nameStart))
                        .findFirst().orElse(null);
            } catch (IOException e) {
                return null; // not created yet
            }
        });
    }

    /** @return the driver */
    public WebDriver driver() {
        return driver;
    }

    /**
     * Runs a script in the page.
     *
     * @param script the body of a function; {@code arguments} holds args
     * @param args its arguments
     * @return what it returns
     */
    public Object script(String script, Object... args) {
        return driver.executeScript(script, args);
    }

    /**
     * @param condition what to wait for (up to 15 s)
     * @param <T> its value
     * @return the condition's first non-null, non-false value
     */
    public <T> T waitFor(Function<WebDriver, T> condition) {
        return waitFor(WAIT, condition);
    }

    /**
     * @param timeout how long at most
     * @param condition what to wait for
     * @param <T> its value
     * @return the condition's first non-null, non-false value
     */
    public <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        // The UI replaces elements as answers arrive: one found a moment ago may be gone; look again.
        return new WebDriverWait(driver, timeout).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** @return the element, once it is displayed */
    public WebElement visible(By by) {
        return waitFor(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    /** @return the element's text once it contains {@code text} */
    public String waitForText(By by, String text) {
        return waitFor(d -> {
            List<WebElement> found = d.findElements(by);
            return found.stream().map(WebElement::getText).filter(t -> t.contains(text)).findFirst().orElse(null);
        });
    }

    /** @return the console messages at SEVERE level (errors, failed requests, CSP violations) since the last call */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).collect(Collectors.toList());
    }

    /** @return the addresses of every resource the page requested that is not on its own origin */
    @SuppressWarnings("unchecked")
    public List<String> foreignRequests() {
        return (List<String>) script("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(n => new URL(n).origin !== location.origin)");
    }

    /**
     * Saves a PNG of the window.
     *
     * @param file where
     */
    public void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Resizes the window.
     *
     * @param width CSS pixels
     * @param height CSS pixels
     */
    public void resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    @Override
    public void close() {
        driver.quit();
    }
}
