package io.keyval.kv;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * This host's operation metrics: calls, errors and latency per operation, the queue and storage
 * gauges; the same figures as {@code GET /metrics} and {@code GET /metrics/prometheus}. Each host
 * counts its own calls (a Prometheus server sums the instances).
 *
 * <pre>{@code
 * KvMetrics metrics = kv.metrics();
 * long gets = metrics.json().path("operations").path("operations").path("get").path("count").asLong();
 * String scrape = metrics.prometheusText();
 * }</pre>
 */
public interface KvMetrics {

    /**
     * @return {@code {"operations":{"operations":{"get":{"avgLatencyMs":…,"count":…,"errors":…},…},
     *     "totals":{"errors":…,"operations":…}},"queue":{…},"storage":{"entries":…,"sizeBytes":…}}};
     *     operations appear once called
     */
    JsonNode json();

    /** @return the Prometheus text format 0.0.4 */
    String prometheusText();

    /** @return the OpenMetrics text format */
    String openMetricsText();

    /**
     * Zeroes this host's operation counters, the persisted ones included when metrics are persistent.
     * Calls made at the same moment may or may not be counted. The gauges are not affected.
     */
    void reset();
}
