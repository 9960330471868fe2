package io.keyval.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The command line: {@code [--full] [--engines sqlite,postgres] [--synchronous FULL|NORMAL]
 * [--workloads <file>] [--postgres-url <jdbc url>] [--postgres-user <name>]}.
 *
 * @param full run the sizes of the workloads file; otherwise quick mode divides them by
 *     {@link #QUICK_DIVISOR} and measures {@link #QUICK_RUNS} rounds at most
 * @param engines the engines to measure, in order
 * @param synchronous SQLite's synchronous setting, FULL or NORMAL
 * @param workloads the workloads file
 * @param postgresUrl the PostgreSQL JDBC URL
 * @param postgresUser the PostgreSQL user
 * @param largeValues run only the large-value benchmark ({@link LargeValueBenchmark}) instead of the workloads
 * @param queueOnly run only W5, the queue ({@link QueueBenchmark}), its rounds and summary
 * @param searchOnly run only W7, search ({@link SearchBenchmark}), its rounds and summary
 * @param transferOnly run only W8, export and import ({@link TransferBenchmark}), its rounds and summary
 */
public record BenchmarkOptions(boolean full, List<String> engines, String synchronous, Path workloads,
        String postgresUrl, String postgresUser, boolean largeValues, boolean queueOnly, boolean searchOnly,
        boolean transferOnly) {

    /** Quick mode divides the sizes by this. */
    public static final int QUICK_DIVISOR = 10;
    /** Quick mode measures at most this many rounds. */
    public static final int QUICK_RUNS = 2;

    /** Usage text. */
    public static final String USAGE = "usage: java -jar benchmarks/target/keyval-benchmarks.jar [--full] [--large-values | --queue-only | --search-only | --transfer-only]"
            + " [--engines sqlite,postgres] [--synchronous FULL|NORMAL] [--workloads benchmarks/workloads.env]"
            + " [--postgres-url jdbc:postgresql://127.0.0.1:5432/test]"
            + " [--postgres-user postgres]";

    /**
     * Parses the arguments; relative default paths resolve against the working directory (the
     * repository root).
     *
     * @param args the arguments
     * @return the options
     * @throws IllegalArgumentException for an unknown or incomplete argument
     */
    public static BenchmarkOptions parse(String[] args) {
        boolean full = false;
        boolean largeValues = false;
        boolean queueOnly = false;
        boolean searchOnly = false;
        boolean transferOnly = false;
        List<String> engines = List.of("sqlite", "postgres");
        String synchronous = "FULL";
        Path workloads = Path.of("benchmarks", "workloads.env");
        String pgUrl = "jdbc:postgresql://127.0.0.1:5432/test";
        String pgUser = "postgres";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--full")) {
                full = true;
                continue;
            }
            if (arg.equals("--large-values")) {
                largeValues = true;
                continue;
            }
            if (arg.equals("--queue-only")) {
                queueOnly = true;
                continue;
            }
            if (arg.equals("--search-only")) {
                searchOnly = true;
                continue;
            }
            if (arg.equals("--transfer-only")) {
                transferOnly = true;
                continue;
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("Unknown or incomplete argument '" + arg + "'\n" + USAGE);
            }
            String value = args[++i];
            switch (arg) {
                case "--engines" -> engines = List.of(value.toLowerCase(Locale.ROOT).split(","));
                case "--synchronous" -> synchronous = value.toUpperCase(Locale.ROOT);
                case "--workloads" -> workloads = Path.of(value);
                case "--postgres-url" -> pgUrl = value;
                case "--postgres-user" -> pgUser = value;
                default -> throw new IllegalArgumentException("Unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        if (!synchronous.equals("FULL") && !synchronous.equals("NORMAL")) {
            throw new IllegalArgumentException("--synchronous must be FULL or NORMAL, found " + synchronous);
        }
        for (String engine : engines) {
            if (!engine.equals("sqlite") && !engine.equals("postgres")) {
                throw new IllegalArgumentException("Unknown engine '" + engine + "'; supported: sqlite, postgres");
            }
        }
        return new BenchmarkOptions(full, engines, synchronous, workloads, pgUrl, pgUser, largeValues, queueOnly,
                searchOnly, transferOnly);
    }

    /**
     * @param fromFile the parameters of the workloads file
     * @return what this mode measures: the file's sizes, or the quick-mode reduction
     */
    public WorkloadParameters measured(WorkloadParameters fromFile) {
        return full ? fromFile
                : fromFile.scaledDown(QUICK_DIVISOR).withRuns(Math.min(fromFile.runs(), QUICK_RUNS));
    }

    /** @return {@code "full"} or {@code "quick"} */
    public String modeName() {
        return full ? "full" : "quick (sizes / " + QUICK_DIVISOR + ", at most " + QUICK_RUNS + " runs)";
    }
}
