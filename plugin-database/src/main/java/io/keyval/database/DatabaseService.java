package io.keyval.database;

import java.util.List;

/**
 * The service the {@code plugin-database} plugin publishes under its id. Other plugins obtain it with
 * {@code ctx.getPlugin("plugin-database", DatabaseService.class)}.
 *
 * <pre>{@code
 * DatabaseService db = ctx.getPlugin("plugin-database", DatabaseService.class);
 * DatabaseAdapter adapter = db.getRootAdapter(null); // the default type (sqlite unless configured)
 * }</pre>
 */
public interface DatabaseService {

    /**
     * Returns the adapter of a configured type, creating it (and its connections) on first use.
     *
     * @param type {@code "sqlite"} or {@code "postgres"}; {@code null} or blank selects the default type
     * @return the adapter (root: no tenant isolation)
     * @throws DatabaseException {@code Adapter type "<t>" not configured. Available: ...} for a type
     *     that is not configured or not supported, or when the adapter cannot be opened
     */
    DatabaseAdapter getRootAdapter(String type);

    /** @return the default adapter type */
    String getDefaultType();

    /** @return the configured adapter types, default first */
    List<String> getAvailableTypes();
}
