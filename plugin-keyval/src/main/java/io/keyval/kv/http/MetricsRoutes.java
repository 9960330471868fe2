package io.keyval.kv.http;

import io.keyval.kv.KvMetrics;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code GET /metrics} (JSON) and {@code GET /metrics/prometheus} (docs/http-api.md, Metrics): the
 * Prometheus text format 0.0.4, or OpenMetrics when the scraper's {@code Accept} asks for
 * {@code application/openmetrics-text}.
 */
public final class MetricsRoutes implements Routes {

    static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    private final KvMetrics metrics;

    /** @param metrics this host's metrics */
    public MetricsRoutes(KvMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void registerOn(Router router) {
        router.add("GET", "/metrics", this::json)
                .add("GET", "/metrics/prometheus", this::prometheus);
    }

    private void json(ApiRequest request) throws Exception {
        JsonResponses.ok(request.exchange(), out -> out.writeTree(metrics.json()));
    }

    private void prometheus(ApiRequest request) {
        String accept = request.exchange().getRequestHeaders().getFirst(Headers.ACCEPT);
        boolean openMetrics = accept != null && accept.toLowerCase(Locale.ROOT).contains("application/openmetrics-text");
        String body = openMetrics ? metrics.openMetricsText() : metrics.prometheusText();
        JsonResponses.sendRendered(request.exchange(), 200, openMetrics ? OPENMETRICS_CONTENT_TYPE : TEXT_CONTENT_TYPE,
                ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)));
    }
}
