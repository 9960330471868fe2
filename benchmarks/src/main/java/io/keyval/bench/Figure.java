package io.keyval.bench;

/**
 * A figure a workload measured, before it is labelled with the system and run.
 *
 * @param workload e.g. {@code W1}
 * @param metric e.g. {@code ops_per_s}
 * @param value the figure
 * @param unit e.g. {@code ops/s}
 */
public record Figure(String workload, String metric, double value, String unit) {
}
