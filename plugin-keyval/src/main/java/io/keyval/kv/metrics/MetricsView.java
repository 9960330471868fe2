package io.keyval.kv.metrics;

import java.util.Map;

/**
 * What the outputs show at one moment: the operations called so far (in {@link Operation} order),
 * the queue and the storage gauges.
 *
 * @param operations counters of each operation called at least once
 * @param queue the queue gauges
 * @param storage the storage gauges
 */
record MetricsView(Map<Operation, OperationSnapshot> operations, QueueGauges.Counts queue, StorageGauge.Counts storage) {
}
