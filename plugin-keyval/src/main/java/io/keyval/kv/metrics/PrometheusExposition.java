package io.keyval.kv.metrics;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * {@code GET /metrics/prometheus}: the families, names, labels and HELP texts of docs/http-api.md
 * (Metrics), modelled as the official Prometheus Java client's snapshots and written by its own
 * text-format writers, in the Prometheus text format 0.0.4 or, for a scraper that asks for it, in
 * OpenMetrics. (The client accepts the contract's gauge {@code keyval_entries_total} as it is, so no
 * part of the output is written by hand.)
 */
final class PrometheusExposition {

    private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.create();
    private static final ExpositionFormatWriter OPENMETRICS = OpenMetricsTextFormatWriter.create();

    private PrometheusExposition() {
    }

    static String text(MetricsView view) {
        return write(TEXT, view);
    }

    static String openMetrics(MetricsView view) {
        return write(OPENMETRICS, view);
    }

    private static String write(ExpositionFormatWriter writer, MetricsView view) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, snapshots(view), EscapingScheme.ALLOW_UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static MetricSnapshots snapshots(MetricsView view) {
        CounterSnapshot.Builder calls = CounterSnapshot.builder()
                .name("keyval_operations").help("Total operations by type");
        CounterSnapshot.Builder errors = CounterSnapshot.builder()
                .name("keyval_errors").help("Total errors by operation type");
        HistogramSnapshot.Builder latency = HistogramSnapshot.builder()
                .name("keyval_operation_duration_ms").help("Operation latency in milliseconds");
        for (Map.Entry<Operation, OperationSnapshot> e : view.operations().entrySet()) {
            Labels labels = Labels.of("operation", e.getKey().label());
            OperationSnapshot s = e.getValue();
            calls.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(s.count()).build());
            if (s.errors() > 0) {
                errors.dataPoint(CounterSnapshot.CounterDataPointSnapshot.builder().labels(labels).value(s.errors()).build());
            }
            latency.dataPoint(HistogramSnapshot.HistogramDataPointSnapshot.builder().labels(labels)
                    .classicHistogramBuckets(ClassicHistogramBuckets.of(OperationStats.BOUNDS_MS, s.buckets()))
                    .sum(s.latencySumMs())
                    .build());
        }
        QueueGauges.Counts q = view.queue();
        return MetricSnapshots.of(calls.build(), errors.build(), latency.build(),
                gauge("keyval_queue_pending", "Pending messages in queue", q.pending()),
                gauge("keyval_queue_processing", "Messages being processed", q.processing()),
                gauge("keyval_queue_dlq", "Messages in dead letter queue", q.dlq()),
                gauge("keyval_queue_total", "Total messages in queue", q.total()),
                gauge("keyval_entries_total", "Total entries in store", view.storage().entries()),
                gauge("keyval_storage_bytes", "Storage size in bytes", view.storage().sizeBytes()));
    }

    private static GaugeSnapshot gauge(String name, String help, long value) {
        return GaugeSnapshot.builder().name(name).help(help)
                .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().value(value).build())
                .build();
    }
}
