package io.keyval.kv.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Real Prometheus parsers, run as processes: {@code promtool check metrics} (Debian package
 * {@code prometheus}) for the text format, and the official Python client's OpenMetrics parser
 * (package {@code python3-prometheus-client}). When one is missing the calling test is skipped with
 * a notice, or fails under {@code KEYVAL_REQUIRE_PROMETHEUS=true} (CI installs both).
 */
final class PrometheusParsers {

    private static final String PYTHON_OPENMETRICS = "import sys\n"
            + "from prometheus_client.openmetrics.parser import text_string_to_metric_families\n"
            + "for f in text_string_to_metric_families(sys.stdin.read()):\n"
            + "    for s in f.samples:\n"
            + "        print(f.type, s.name, s.labels.get('operation', ''), s.labels.get('le', ''), s.value)\n";
    private static final String PYTHON_TEXT = PYTHON_OPENMETRICS.replace("prometheus_client.openmetrics.parser",
            "prometheus_client.parser");

    /** Debian's interpreter, which the Debian package's module is installed for (not a pyenv or venv one). */
    private static final String PYTHON = Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private PrometheusParsers() {
    }

    /**
     * The style hints promtool prints (exit code 3) for names that the contract fixes, because
     * dashboards of the original server rely on them; anything else it reports fails the check.
     */
    private static final Set<String> CONTRACT_NAMES_PROMTOOL_DISLIKES = Set.of(
            "keyval_entries_total non-counter metrics should not have \"_total\" suffix",
            "keyval_queue_total non-counter metrics should not have \"_total\" suffix",
            "keyval_operation_duration_ms metric names should not contain abbreviated units");

    /**
     * Runs {@code promtool check metrics} on the text: it must parse (exit code 1 otherwise), and of
     * its naming hints (exit code 3) only those about the contract's fixed names are accepted.
     *
     * @param text Prometheus text format
     */
    static void promtoolCheck(String text) throws Exception {
        Result r = run(text, "promtool", "check", "metrics");
        String report = "promtool check metrics rejected the output:\n" + r.output + "\n---\n" + text;
        assertTrue(r.exit == 0 || r.exit == 3, report);
        for (String line : r.output.split("\n")) {
            assertTrue(line.isBlank() || CONTRACT_NAMES_PROMTOOL_DISLIKES.contains(line.trim()), report);
        }
    }

    /**
     * @param text Prometheus text format 0.0.4
     * @return one line per sample as the Python client's text parser reads it: type, name, operation, le, value
     */
    static String parseText(String text) throws Exception {
        return python(text, PYTHON_TEXT);
    }

    /**
     * @param text OpenMetrics text
     * @return one line per sample as the Python client's OpenMetrics parser reads it
     */
    static String parseOpenMetrics(String text) throws Exception {
        return python(text, PYTHON_OPENMETRICS);
    }

    private static String python(String text, String script) throws Exception {
        Result r = run(text, PYTHON, "-c", script);
        if (r.exit != 0 && r.output.contains("No module named 'prometheus_client'")) {
            missing("python3-prometheus-client (the official Python client's parsers)");
        }
        assertEquals(0, r.exit, "the Python Prometheus parser rejected the output:\n" + r.output + "\n---\n" + text);
        return r.output;
    }

    private static Result run(String stdin, String... command) throws Exception {
        Path out = Files.createTempFile("keyval-parser", ".out");
        try {
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            } catch (IOException e) {
                missing(command[0]);
                throw e;
            }
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(command[0] + " did not finish");
            }
            return new Result(p.exitValue(), Files.readString(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void missing(String what) {
        String message = what + " is not installed: Prometheus parser checks SKIPPED";
        if ("true".equalsIgnoreCase(System.getenv("KEYVAL_REQUIRE_PROMETHEUS"))) {
            throw new AssertionError(message + " but KEYVAL_REQUIRE_PROMETHEUS=true requires them");
        }
        System.err.println("*** " + message + " ***");
        Assumptions.abort(message);
    }

    private record Result(int exit, String output) {
    }
}
