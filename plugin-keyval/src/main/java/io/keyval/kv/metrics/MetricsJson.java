package io.keyval.kv.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * {@code GET /metrics}: the exact shape of docs/http-api.md (Metrics), operations nested under
 * {@code operations.operations} with their {@code totals}.
 */
final class MetricsJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private MetricsJson() {
    }

    static JsonNode render(MetricsView view) {
        ObjectNode ops = NODES.objectNode();
        long calls = 0;
        long errors = 0;
        for (Map.Entry<Operation, OperationSnapshot> e : view.operations().entrySet()) {
            OperationSnapshot s = e.getValue();
            long count = s.count();
            ops.putObject(e.getKey().label())
                    .put("avgLatencyMs", s.latencySumMs() / count)
                    .put("count", count)
                    .put("errors", s.errors());
            calls += count;
            errors += s.errors();
        }
        ObjectNode root = NODES.objectNode();
        ObjectNode operations = root.putObject("operations");
        operations.set("operations", ops);
        operations.putObject("totals").put("errors", errors).put("operations", calls);
        QueueGauges.Counts q = view.queue();
        root.putObject("queue")
                .put("dlq", q.dlq())
                .put("pending", q.pending())
                .put("processing", q.processing())
                .put("total", q.total());
        root.putObject("storage")
                .put("entries", view.storage().entries())
                .put("sizeBytes", view.storage().sizeBytes());
        return root;
    }
}
