package io.keyval.database.internal;

import io.keyval.database.DatabaseException;
import io.keyval.host.api.PluginConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code adapters} list of the database plugin's configuration, validated: each type at most
 * once and supported, at most one {@code default: true} (else the first entry is the default), each
 * entry's options checked. Opening the adapters is left to the caller.
 */
final class AdapterCatalog {

    /** The adapter types this plugin implements. */
    static final List<String> SUPPORTED_TYPES = List.of("sqlite", "postgres");

    private final String defaultType;
    // Default type first, then the others in configuration order.
    private final Map<String, Supplier<JdbcAdapter>> openers;

    private AdapterCatalog(String defaultType, Map<String, Supplier<JdbcAdapter>> openers) {
        this.defaultType = defaultType;
        this.openers = openers;
    }

    /**
     * @param config the database plugin's configuration
     * @param dataDir the directory relative SQLite paths resolve against
     * @return the catalog
     * @throws DatabaseException if the list is empty or invalid
     */
    static AdapterCatalog from(PluginConfig config, Path dataDir) {
        List<PluginConfig> entries = config.getSectionList("adapters");
        if (entries.isEmpty()) {
            throw new DatabaseException("No database adapters configured: list at least one under 'adapters' (types: "
                    + String.join(", ", SUPPORTED_TYPES) + ")");
        }
        Map<String, Supplier<JdbcAdapter>> openers = new LinkedHashMap<>();
        List<String> defaults = new ArrayList<>();
        for (PluginConfig entry : entries) {
            String type = entry.getString("type", "").trim().toLowerCase(Locale.ROOT);
            if (openers.containsKey(type)) {
                throw new DatabaseException("Adapter type \"" + type + "\" is configured more than once");
            }
            openers.put(type, opener(type, entry, dataDir));
            if (entry.getBoolean("default", false)) {
                defaults.add(type);
            }
        }
        if (defaults.size() > 1) {
            throw new DatabaseException("Only one adapter may be the default; found default: true on "
                    + String.join(", ", defaults));
        }
        String defaultType = defaults.isEmpty() ? openers.keySet().iterator().next() : defaults.get(0);
        Map<String, Supplier<JdbcAdapter>> ordered = new LinkedHashMap<>();
        ordered.put(defaultType, openers.get(defaultType));
        ordered.putAll(openers);
        return new AdapterCatalog(defaultType, ordered);
    }

    private static Supplier<JdbcAdapter> opener(String type, PluginConfig entry, Path dataDir) {
        switch (type) {
            case "sqlite" -> {
                SqliteSettings settings = SqliteSettings.from(entry, dataDir);
                return () -> SqliteAdapter.open(settings);
            }
            case "postgres" -> {
                PostgresSettings settings = PostgresSettings.from(entry);
                return () -> PostgresAdapter.open(settings);
            }
            case "" -> throw new DatabaseException("Every entry of 'adapters' needs a type ("
                    + String.join(", ", SUPPORTED_TYPES) + ")");
            default -> throw new DatabaseException("Adapter type \"" + type + "\" is not supported by this plugin "
                    + "(supported: " + String.join(", ", SUPPORTED_TYPES) + "); remove it from 'adapters'");
        }
    }

    /** @return the default adapter type */
    String defaultType() {
        return defaultType;
    }

    /** @return the configured types, default first */
    List<String> types() {
        return List.copyOf(openers.keySet());
    }

    /**
     * @param type a configured type
     * @return a function opening a new adapter of that type, or {@code null} if it is not configured
     */
    Supplier<JdbcAdapter> opener(String type) {
        return openers.get(type);
    }
}
