package io.keyval.bench;

import java.util.List;

/**
 * A performance target: the ratio of a java-kv figure to its baseline, for one configuration.
 *
 * @param variant e.g. {@code sqlite-full}
 * @param workload e.g. {@code W1}
 * @param mode e.g. {@code api}
 * @param metric e.g. {@code ops_per_s}
 * @param ratio the bound
 * @param atMost whether the ratio must stay at or below the bound (times) instead of reaching it (rates)
 */
record Target(String variant, String workload, String mode, String metric, double ratio, boolean atMost) {

    /** The targets of the benchmark, queue and export issues (Java API and HTTP on SQLite, synchronous=FULL). */
    static final List<Target> ALL = List.of(
            new Target("sqlite-full", "W1", "api", "ops_per_s", 0.85, false),
            new Target("sqlite-full", "W2", "api", "ops_per_s", 0.5, false),
            new Target("sqlite-full", "W3", "api", "scan_ms", 2.5, true),
            new Target("sqlite-full", "W4", "api", "commits_per_s", 0.8, false),
            new Target("sqlite-full", "W4b", "api", "commits_per_s", 3.0, false),
            new Target("sqlite-full", "W2", "http c=4", "ops_per_s", 0.4, false),
            new Target("sqlite-full", "W5", "api", "enqueue_msgs_per_s", 0.8, false),
            new Target("sqlite-full", "W5", "api c=4", "consume_msgs_per_s", 1.5, false),
            new Target("sqlite-full", "W8", "api", "export_entries_per_s", 0.7, false),
            new Target("sqlite-full", "W8", "api", "import_entries_per_s", 0.5, false));

    /** @return whether this target applies to the given figure */
    boolean appliesTo(String figureVariant, String figureWorkload, String figureMode, String figureMetric) {
        return variant.equals(figureVariant) && workload.equals(figureWorkload) && mode.equals(figureMode)
                && metric.equals(figureMetric);
    }

    /** @param measured the measured ratio @return whether it meets the target */
    boolean isMet(double measured) {
        return atMost ? measured <= ratio : measured >= ratio;
    }

    /** @return e.g. {@code >= 0.85x} */
    String describe() {
        return (atMost ? "<= " : ">= ") + ratio + "x";
    }
}
