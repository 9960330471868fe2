package io.keyval.kv.engine;

import io.keyval.kv.KvException;
import java.util.function.Supplier;

/**
 * The storage engine a store runs on, chosen once from the database adapter's type. Each capability
 * picks its own dialect with {@link #select}; nothing else branches on the engine.
 *
 * <pre>{@code
 * Engine engine = Engine.of(adapter.type());
 * StoreDialect dialect = engine.select(SqliteStoreDialect::new, PostgresStoreDialect::new);
 * }</pre>
 */
public enum Engine {

    /** The embedded default: one file, one process. */
    SQLITE("sqlite", null), // BEGIN IMMEDIATE already excludes other writers
    /** Several host instances may share the database, and may migrate it at the same moment. */
    POSTGRES("postgres", "SELECT pg_advisory_xact_lock(7310582614)");

    private final String id;
    private final String migrationLock;

    Engine(String id, String migrationLock) {
        this.id = id;
        this.migrationLock = migrationLock;
    }

    /**
     * @param adapterType the database adapter's type
     * @return the engine
     * @throws KvException for an engine the store does not support
     */
    public static Engine of(String adapterType) {
        for (Engine e : values()) {
            if (e.id.equals(adapterType)) {
                return e;
            }
        }
        throw new KvException("plugin-keyval supports the sqlite and postgres adapters, not '" + adapterType + "'");
    }

    /** @return the adapter type, also the folder of each capability's scripts: {@code db/<capability>/<id>/} */
    public String id() {
        return id;
    }

    /**
     * @return a statement that serialises concurrent migrations across processes, run first in the
     *     migration transaction; {@code null} when the transaction alone does
     */
    String migrationLock() {
        return migrationLock;
    }

    /**
     * @param sqlite makes the SQLite variant
     * @param postgres makes the PostgreSQL variant
     * @param <T> what is selected, typically a capability's dialect
     * @return the variant of this engine
     */
    public <T> T select(Supplier<? extends T> sqlite, Supplier<? extends T> postgres) {
        return this == SQLITE ? sqlite.get() : postgres.get();
    }
}
