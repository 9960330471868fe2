package io.keyval.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One measured figure, printed as one JSON line in the format of docs/benchmarks.md ("Output").
 *
 * @param system {@code java-kv}, {@code raw-jdbc} or {@code raw-undertow}
 * @param variant the configuration, e.g. {@code sqlite-full}
 * @param durability the durability setting in words
 * @param workload e.g. {@code W1}
 * @param metric e.g. {@code ops_per_s}
 * @param value the figure
 * @param unit e.g. {@code ops/s}
 * @param run the measured round, from 1
 * @param mode e.g. {@code api} or {@code http c=4}
 */
public record Result(String system, String variant, String durability, String workload, String metric,
        double value, String unit, int run, String mode) {

    /** @return the JSON object on one line */
    public String toJson() {
        ObjectNode o = Dataset.JSON.createObjectNode();
        o.put("system", system);
        o.put("variant", variant);
        o.put("durability", durability);
        o.put("workload", workload);
        o.put("metric", metric);
        o.put("value", Math.round(value * 1000) / 1000.0);
        o.put("unit", unit);
        o.put("run", run);
        o.put("mode", mode);
        return o.toString();
    }
}
