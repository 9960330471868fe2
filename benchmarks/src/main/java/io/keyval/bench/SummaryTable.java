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
 * (raw-jdbc for the API, raw-undertow for HTTP at the same client count), their ratio, and the target;
 * then the group-commit reference's W4b figures with their ratio to the same baseline; then the
 * metrics overhead ({@link MetricsOverhead}): W1 and W2 throughput with metrics on against off.
 */
final class SummaryTable {

    private static final String FORMAT = "%-16s %-12s %-4s %-9s %-23s %10s %10s %8s %9s %s%n";

    /** The figures of one system, variant, workload, mode and metric across the runs. */
    private record Series(String system, String variant, String workload, String mode, String metric) {
        static Series of(Result r) {
            return new Series(r.system(), r.variant(), r.workload(), r.mode(), r.metric());
        }

        Series baseline() {
            if (mode.startsWith("http")) {
                return new Series("raw-undertow", variant, workload, mode, metric);
            }
            return new Series("raw-jdbc", variant, workload,
                    mode.startsWith("api c=") || mode.startsWith("api q=") ? "jdbc" + mode.substring(3) : "jdbc", metric);
        }

        boolean isLatencyOfW5() {
            return workload.equals("W5") && metric.startsWith("latency_");
        }
    }

    /** With metrics on, W1 and W2 keep at least this share of their metrics-off throughput. */
    static final double METRICS_OVERHEAD_BOUND = 0.97;

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
        out.printf(FORMAT, "system", "variant", "wl", "mode", "metric", "figure", "baseline", "ratio", "target",
                "");
        for (String system : List.of(KvApiStore.SYSTEM, GroupCommitReference.SYSTEM)) {
            for (Map.Entry<Series, List<Double>> e : series.entrySet()) {
                Series row = e.getKey();
                boolean ownSection = row.workload().equals("W6") || row.workload().equals("W7")
                        || row.mode().startsWith("api, ") || row.isLatencyOfW5();
                if (row.system().equals(system) && !ownSection) {
                    printRow(out, row, median(e.getValue()));
                }
            }
        }
        printMetricsOverhead(out);
        printWatch(out);
        printQueueLatency(out);
        printSearch(out);
    }

    /** W7: index build, search latency against the engine's own search, and W1 with an index (targets on sqlite-full). */
    private void printSearch(PrintStream out) {
        out.println();
        out.println("W7 search: build and latency (limit 20) against the same search written for the engine with raw"
                + " JDBC; W1 into an indexed prefix against W1 without; targets on sqlite-full");
        out.printf(FORMAT, "system", "variant", "wl", "mode", "metric", "figure", "baseline", "ratio", "target", "");
        for (Map.Entry<Series, List<Double>> e : series.entrySet()) {
            Series s = e.getKey();
            if (!s.workload().equals("W7") || !s.system().equals(KvApiStore.SYSTEM)) {
                continue;
            }
            double figure = median(e.getValue());
            List<Double> base = series.get(s.baseline());
            double baseline = base == null ? Double.NaN : median(base);
            boolean targeted = s.variant().equals("sqlite-full");
            String target = "-";
            String verdict = "";
            if (targeted && s.metric().equals("build_s")) {
                target = "<= 10 s";
                verdict = atMost(figure, 10.0);
            } else if (targeted && s.metric().equals("latency_p50_ms")) {
                target = "<= 1.5x";
                verdict = atMost(figure / baseline, 1.5);
            }
            out.printf(FORMAT, s.system(), s.variant(), s.workload(), s.mode(), s.metric(), number(figure),
                    Double.isNaN(baseline) ? "-" : number(baseline), String.format("%.2fx", figure / baseline), target,
                    verdict);
        }
        for (Map.Entry<Series, List<Double>> e : series.entrySet()) {
            Series indexed = e.getKey();
            boolean store = indexed.mode().equals(SearchBenchmark.INDEXED);
            if (!store && !indexed.mode().equals(SearchBenchmark.RAW_INDEXED)) {
                continue;
            }
            List<Double> without = series.get(new Series(indexed.system(), indexed.variant(), "W1",
                    store ? SearchBenchmark.UNINDEXED : SearchBenchmark.RAW_UNINDEXED, indexed.metric()));
            if (without == null) {
                continue;
            }
            double ratio = median(pairedRatios(e.getValue(), without));
            boolean targeted = store && indexed.variant().equals("sqlite-full");
            out.printf(FORMAT, indexed.system(), indexed.variant(), "W1", store ? "indexed" : "reference",
                    indexed.metric(), number(median(e.getValue())), number(median(without)),
                    String.format("%.3fx", ratio), targeted ? ">= 0.7x" : "-", targeted ? atLeast(ratio, 0.7) : "");
        }
    }

    /** @return "PASS" or "MISS" (counted) for a lower bound */
    private String atLeast(double figure, double bound) {
        boolean met = figure >= bound;
        missed += met ? 0 : 1;
        return met ? "PASS" : "MISS";
    }

    /** W5 latency: enqueue to handler entry, against the queue issue's bounds (on SQLite FULL). */
    private void printQueueLatency(PrintStream out) {
        out.println();
        out.println("W5 queue: enqueue -> handler latency (medians over the runs); targets on sqlite-full");
        out.printf(FORMAT, "system", "variant", "wl", "mode", "metric", "figure", "", "", "target", "");
        for (Map.Entry<Series, List<Double>> e : series.entrySet()) {
            Series s = e.getKey();
            if (!s.isLatencyOfW5()) {
                continue;
            }
            double figure = median(e.getValue());
            double bound = s.variant().equals("sqlite-full") ? (s.metric().equals("latency_p50_ms") ? 2.0 : 10.0)
                    : Double.NaN;
            String verdict = atMost(figure, bound);
            out.printf(FORMAT, s.system(), s.variant(), s.workload(), s.mode(), s.metric(), number(figure), "", "",
                    Double.isNaN(bound) ? "-" : String.format("<= %.1f", bound), verdict);
        }
    }

    /** @return "PASS" or "MISS" (counted) for an absolute upper bound, "" when there is none (NaN) */
    private String atMost(double figure, double bound) {
        if (Double.isNaN(bound)) {
            return "";
        }
        boolean met = figure <= bound;
        missed += met ? 0 : 1;
        return met ? "PASS" : "MISS";
    }

    /** W6: notification latency against W1's (the write alone), fan-out, and W1 with watchers. */
    private void printWatch(PrintStream out) {
        out.println();
        out.println("W6 watch: write -> notification latency, baseline W1 api (the write alone), same run");
        out.printf(FORMAT, "system", "variant", "wl", "mode", "metric", "figure", "baseline", "", "target", "");
        for (Map.Entry<Series, List<Double>> e : series.entrySet()) {
            Series s = e.getKey();
            if (!s.workload().equals("W6")) {
                continue;
            }
            double figure = median(e.getValue());
            List<Double> w1 = series.get(new Series(KvApiStore.SYSTEM, s.variant(), "W1", "api", s.metric()));
            double baseline = w1 == null ? Double.NaN : median(w1);
            double bound = switch (s.mode() + " " + s.metric()) {
                case "java listener p50_ms" -> baseline + 0.1; // the reference row shows what one hand-off costs
                case "sse p50_ms" -> baseline + 0.5;
                case "sse p99_ms", "sse second host p50_ms" -> 5.0;
                default -> Double.NaN;
            };
            String verdict = atMost(figure, bound);
            out.printf(FORMAT, s.system(), s.variant(), s.workload(), s.mode(), s.metric(), number(figure),
                    s.metric().equals("fanout_ms") || Double.isNaN(baseline) ? "-" : number(baseline), "",
                    Double.isNaN(bound) ? "-" : String.format("<= %.3f", bound), verdict);
        }
        for (Map.Entry<Series, List<Double>> e : series.entrySet()) {
            Series watched = e.getKey();
            if (!watched.mode().startsWith("api, 1000 idle")) {
                continue;
            }
            List<Double> none = series.get(new Series(watched.system(), watched.variant(), "W1", "api, no watcher",
                    watched.metric()));
            if (none == null) {
                continue;
            }
            double ratio = median(pairedRatios(e.getValue(), none));
            boolean met = ratio >= 0.95;
            missed += met ? 0 : 1;
            out.printf(FORMAT, watched.system(), watched.variant(), "W1", "watched", "ops_per_s",
                    number(median(e.getValue())), number(median(none)), String.format("%.3fx", ratio), ">= 0.95x",
                    met ? "PASS" : "MISS");
        }
    }

    private void printMetricsOverhead(PrintStream out) {
        out.println();
        out.println("Metrics overhead: interleaved bursts on one store, metrics on vs off; ratio = median of the"
                + " per-pair ratios");
        out.printf(FORMAT, "system", "variant", "wl", "mode", "metric", "on", "off", "ratio", "target", "");
        for (Map.Entry<Series, List<Double>> e : series.entrySet()) {
            Series on = e.getKey();
            Series off = new Series(MetricsOverhead.OFF, on.variant(), on.workload(), on.mode(), on.metric());
            if (!on.system().equals(MetricsOverhead.ON) || !series.containsKey(off)) {
                continue;
            }
            List<Double> onFigures = e.getValue();
            List<Double> offFigures = series.get(off);
            double ratio = median(pairedRatios(onFigures, offFigures));
            boolean met = ratio >= METRICS_OVERHEAD_BOUND;
            if (!met) {
                missed++;
            }
            out.printf(FORMAT, KvApiStore.SYSTEM, on.variant(), on.workload(), on.mode(), on.metric(), number(median(onFigures)),
                    number(median(offFigures)), String.format("%.3fx", ratio), ">= " + METRICS_OVERHEAD_BOUND + "x",
                    met ? "PASS" : "MISS");
        }
        printRecordingCost(out);
    }

    /** Prints the cost of counting one call, measured alone (a bound of the overhead per operation). */
    private void printRecordingCost(PrintStream out) {
        for (Map.Entry<Series, List<Double>> e : series.entrySet()) {
            if (e.getKey().system().equals(MetricsOverhead.ON) && e.getKey().metric().equals("ns_per_call")) {
                out.printf("%s: counting one call (two clock reads and the recording) costs %.0f ns%n",
                        e.getKey().variant(), median(e.getValue()));
            }
        }
    }

    private void printRow(PrintStream out, Series s, double figure) {
        List<Double> base = series.get(s.baseline());
        double baseline = base == null ? Double.NaN : median(base);
        double ratio = figure / baseline;
        boolean store = s.system().equals(KvApiStore.SYSTEM);
        Optional<Target> target = Target.ALL.stream()
                .filter(t -> store && t.appliesTo(s.variant(), s.workload(), s.mode(), s.metric()))
                .findFirst();
        String verdict = target.map(t -> t.isMet(ratio) ? "PASS" : "MISS").orElse("");
        if (verdict.equals("MISS")) {
            missed++;
        }
        out.printf(FORMAT, s.system(), s.variant(), s.workload(), s.mode(), s.metric(), number(figure),
                base == null ? "-" : number(baseline), Double.isFinite(ratio) ? String.format("%.2fx", ratio) : "-",
                target.map(Target::describe).orElse("-"), verdict);
    }

    /** @return the number of targets missed by the last {@link #print} */
    int missed() {
        return missed;
    }

    private static String number(double v) {
        return v >= 100 ? String.format("%.0f", v) : String.format("%.3f", v);
    }

    /** @return the ratio of each pair of figures measured in the same round, in order */
    private static List<Double> pairedRatios(List<Double> figures, List<Double> baselines) {
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(figures.size(), baselines.size()); i++) {
            ratios.add(figures.get(i) / baselines.get(i));
        }
        return ratios;
    }

    /** @return the median; for an even count, the mean of the middle two */
    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
