// Turns successive GET /metrics answers (cumulative counts and mean latencies) into per-interval
// figures: operations per second, errors and mean latency of the calls made in the interval.

export function operationRates() {
  let previous = null;
  return {
    /**
     * @returns null for the first sample, else {at, seconds, total, errors, ops: {name: {rate, errors, latencyMs}}}
     */
    add(metrics, at = Date.now()) {
      const ops = metrics.operations.operations;
      const sample = { at, ops };
      const before = previous;
      previous = sample;
      // A counter that went down was reset (kv.metrics().reset(), a restart): start over from this sample.
      if (!before || Object.entries(ops).some(([name, now]) => before.ops[name] && now.count < before.ops[name].count)) return null;
      const seconds = Math.max((at - before.at) / 1000, 0.001);
      const result = { at, seconds, total: 0, errors: 0, ops: {} };
      for (const [name, now] of Object.entries(ops)) {
        const then = before.ops[name] || { count: 0, errors: 0, avgLatencyMs: 0 };
        const calls = now.count - then.count;
        const errors = now.errors - then.errors;
        // The sum of latencies is mean × count; its growth over the calls of the interval is their mean.
        const latencyMs = calls > 0 ? Math.max(0, (now.avgLatencyMs * now.count - then.avgLatencyMs * then.count) / calls) : null;
        result.ops[name] = { rate: calls / seconds, errors, latencyMs };
        result.total += calls / seconds;
        result.errors += errors;
      }
      return result;
    },
  };
}
