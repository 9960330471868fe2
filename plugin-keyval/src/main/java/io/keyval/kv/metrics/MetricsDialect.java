package io.keyval.kv.metrics;

/** The metrics capability's differences between engines. */
public interface MetricsDialect {

    /**
     * @return a query of the live entries' count and approximate size in bytes (key bytes plus
     *     value bytes), given the current time (epoch ms) as its one parameter
     */
    String storageStats();
}
