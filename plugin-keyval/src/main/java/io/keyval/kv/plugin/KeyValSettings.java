package io.keyval.kv.plugin;

import io.keyval.host.api.PluginConfig;
import io.keyval.host.api.PluginException;
import io.keyval.kv.metrics.MetricsSettings;
import io.keyval.kv.queue.QueueSettings;
import io.keyval.kv.watch.WatchSettings;

/**
 * The plugin's configuration (docs/configuration.md), read once from its manifest.
 *
 * @param database the database adapter type; blank for the database plugin's default
 * @param maxBodySize the largest accepted request body (bytes)
 * @param ttlPurgeInterval how often expired entries are deleted (ms)
 * @param metrics the {@code metrics.*} settings
 * @param watch the {@code watch.*} settings
 * @param queue the {@code queue.*} settings
 */
public record KeyValSettings(String database, long maxBodySize, long ttlPurgeInterval, MetricsSettings metrics,
        WatchSettings watch, QueueSettings queue) {

    /**
     * @param config the plugin's configuration
     * @param instanceName the host instance's name, the default of {@code metrics.instance}
     * @return the settings, defaults filled in
     * @throws PluginException naming the setting that is invalid
     */
    public static KeyValSettings from(PluginConfig config, String instanceName) {
        long purge = positive(config, "ttl.purgeInterval", 60_000);
        MetricsSettings metrics = new MetricsSettings(
                config.getBoolean("metrics.enabled", true),
                config.getBoolean("metrics.persistent", false),
                positive(config, "metrics.flushInterval", 30_000),
                nonBlank(config.getString("metrics.instance", null), instanceName),
                positive(config, "metrics.storageRefresh", 10_000));
        WatchSettings watch = new WatchSettings(config.getBoolean("watch.enabled", true),
                (int) Math.min(Integer.MAX_VALUE, positive(config, "watch.maxWatchers", 1000)),
                positive(config, "watch.heartbeat", 30_000), config.getBoolean("watch.acrossHosts", true));
        long cleanup = config.getLong("queue.cleanupInterval", 60_000);
        if (cleanup < 0) {
            throw new PluginException("Configuration 'queue.cleanupInterval' must be 0 (off) or a positive number, not {}",
                    cleanup);
        }
        QueueSettings queue = new QueueSettings(positive(config, "queue.lockDuration", 30_000), cleanup,
                (int) Math.min(Integer.MAX_VALUE, positive(config, "queue.maxListeners", 1000)));
        return new KeyValSettings(config.getString("database", null), positive(config, "maxBodySize", 10L * 1024 * 1024),
                purge, metrics, watch, queue);
    }

    private static long positive(PluginConfig config, String path, long def) {
        long value = config.getLong(path, def);
        if (value <= 0) {
            throw new PluginException("Configuration '{}' must be a positive number, not {}", path, value);
        }
        return value;
    }

    private static String nonBlank(String value, String def) {
        return value == null || value.isBlank() ? def : value.trim();
    }
}
