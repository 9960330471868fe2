package io.keyval.kv.transfer;

import io.keyval.database.DatabaseAdapter;
import io.keyval.kv.ImportOptions;
import io.keyval.kv.ImportResult;
import io.keyval.kv.Key;
import io.keyval.kv.engine.Engine;
import io.keyval.kv.fts.FtsService;
import io.keyval.kv.queue.QueueService;
import io.keyval.kv.store.KvStore;
import io.keyval.kv.store.StoreFailures;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Export and import of one store ({@link StoreExport}, {@link StoreImport}), as the Java API and the
 * HTTP endpoints use them.
 */
public final class StoreTransfer {

    private final DatabaseAdapter db;
    private final TransferDialect dialect;
    private final StoreExport export;
    private final StoreImport importer;

    /**
     * @param db the database
     * @param engine its engine
     * @param store the store on it
     * @param fts the store's search indexes
     * @param queue the store's queue
     * @param clock the time source (expiry)
     */
    public StoreTransfer(DatabaseAdapter db, Engine engine, KvStore store, FtsService fts, QueueService queue,
            Clock clock) {
        this.db = db;
        this.dialect = engine.select(TransferDialect.Sqlite::new, TransferDialect.Postgres::new);
        this.export = new StoreExport(db, store, dialect, engine.id(), clock);
        this.importer = new StoreImport(store.pipeline(), fts, queue, clock);
    }

    /**
     * @param prefix the entries' prefix; the empty key for the whole store
     * @param out where to write; not closed
     * @return the number of entries written
     */
    public long exportTo(Key prefix, OutputStream out) {
        return export.write(prefix, out);
    }

    /**
     * Copies the database file, online (SQLite); see {@link TransferDialect#copyTo}.
     *
     * @param file the copy, which must not exist
     * @return whether a copy was made; {@code false} on an engine without one (export instead)
     */
    public boolean copyDatabaseTo(Path file) {
        return StoreFailures.translating(() -> dialect.copyTo(db, file));
    }

    /**
     * @param in an export; not closed
     * @param options how to apply it
     * @return what was applied
     */
    public ImportResult importFrom(InputStream in, ImportOptions options) {
        return importer.apply(in, options);
    }
}
