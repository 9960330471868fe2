package io.keyval.kv.metrics;

/**
 * The {@code metrics.*} configuration (docs/configuration.md).
 *
 * @param enabled whether operations are counted and the metrics endpoints served
 * @param persistent whether this host's counters are saved in the database and restored at start-up
 * @param flushInterval how often they are saved (ms), when persistent
 * @param instance this host's name in the saved counters
 * @param storageRefresh the shortest interval between two counts of the storage gauges (ms)
 */
public record MetricsSettings(boolean enabled, boolean persistent, long flushInterval, String instance,
        long storageRefresh) {

    /**
     * @param enabled see the record
     * @param persistent see the record
     * @param flushInterval see the record
     * @param instance see the record
     * @param storageRefresh see the record
     */
    public MetricsSettings {
        if (flushInterval <= 0 || storageRefresh <= 0) {
            throw new IllegalArgumentException("metrics.flushInterval and metrics.storageRefresh must be positive (ms)");
        }
        if (instance == null || instance.isBlank()) {
            throw new IllegalArgumentException("metrics.instance must not be empty");
        }
    }
}
