package io.keyval.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The readable summary: each java-kv figure (median over the runs), the same figure of its baseline
 * (raw-jdbc for the API, raw-undertow for HTTP at the same client count), their ratio, and the target.
 */
final class SummaryTable {

    private static final String FORMAT = "%-12s %-4s %-9s %-14s %12s %12s %8s %9s %s%n";

    /** The figures of one system, variant, workload, mode and metric across the runs. */
    private record Series(String system, String variant, String workload, String mode, String metric) {
        static Series of(Result r) {
            return new Series(r.system(), r.variant(), r.workload(), r.mode(), r.metric());
        }

        Series baseline() {
            return mode.startsWith("http")
                    ? new Series("raw-undertow", variant, workload, mode, metric)
                    : new Series("raw-jdbc", variant, workload, "jdbc", metric);
        }
    }

    private final Map<Series, List<Double>> series = new LinkedHashMap<>();
    private int missed;

    /** @param results every measured result */
    SummaryTable(List<Result> results) {
        for (Result r : results) {
            series.computeIfAbsent(Series.of(r), s -> new ArrayList<>()).add(r.value());
        }
    }

    /**
     * Prints the table.
     *
     * @param out where to
     */
    void print(PrintStream out) {
        out.printf(FORMAT, "variant", "wl", "mode", "metric", "java-kv", "baseline", "ratio", "target", "");
        for (Map.Entry<Series, List<Double>> e : series.entrySet()) {
            Series s = e.getKey();
            if (!s.system().equals("java-kv")) {
                continue;
            }
            double kv = median(e.getValue());
            List<Double> base = series.get(s.baseline());
            double baseline = base == null ? Double.NaN : median(base);
            double ratio = kv / baseline;
            Optional<Target> target = Target.ALL.stream()
                    .filter(t -> t.appliesTo(s.variant(), s.workload(), s.mode(), s.metric()))
                    .findFirst();
            String verdict = target.map(t -> t.isMet(ratio) ? "PASS" : "MISS").orElse("");
            if (verdict.equals("MISS")) {
                missed++;
            }
            out.printf(FORMAT, s.variant(), s.workload(), s.mode(), s.metric(), number(kv), number(baseline),
                    Double.isFinite(ratio) ? String.format("%.2fx", ratio) : "-", target.map(Target::describe).orElse("-"), verdict);
        }
    }

    /** @return the number of targets missed by the last {@link #print} */
    int missed() {
        return missed;
    }

    private static String number(double v) {
        return v >= 100 ? String.format("%.0f", v) : String.format("%.3f", v);
    }

    /** @return the median; for an even count, the mean of the middle two */
    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
