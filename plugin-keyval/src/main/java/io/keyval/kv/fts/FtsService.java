package io.keyval.kv.fts;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.database.DatabaseAdapter;
import io.keyval.database.DatabaseException;
import io.keyval.database.SqlSession;
import io.keyval.kv.FtsIndex;
import io.keyval.kv.FtsTokenizer;
import io.keyval.kv.Key;
import io.keyval.kv.KvIndexNotFoundException;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.commit.CatalogVersion;
import io.keyval.kv.commit.CommitPipeline;
import io.keyval.kv.engine.Engine;
import io.keyval.kv.engine.Migrations;
import io.keyval.kv.engine.SchemaScripts;
import io.keyval.kv.keys.KeyLimits;
import io.keyval.kv.keys.KeyRange;
import io.keyval.kv.store.JsonValues;
import io.keyval.kv.store.KvStore;
import io.keyval.kv.store.Limits;
import io.keyval.kv.store.StoreFailures;
import io.keyval.kv.store.StoredEntry;
import io.keyval.kv.where.PostgresWhereDialect;
import io.keyval.kv.where.SqlFragment;
import io.keyval.kv.where.SqliteWhereDialect;
import io.keyval.kv.where.WhereCompiler;
import io.keyval.kv.where.WhereDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Full-text search: index definitions, their back-fill, and searches. The indexes themselves are kept
 * in step with every write by {@link IndexCatalog}, a participant of the commit pipeline.
 *
 * <p>Creating an index commits its definition first; from then on every write indexes itself. The
 * entries already there are then indexed in batches of {@value #BACKFILL_BATCH}, each a commit of its
 * own, so writers wait at most one batch; the progress is stored with the definition, so a back-fill
 * cut short by a crash resumes at the next start.
 *
 * <pre>{@code
 * FtsService fts = FtsService.start(adapter, store, dialect, whereDialect, clock);
 * fts.createIndex(Key.of("posts"), List.of("title", "body"), FtsTokenizer.PORTER);
 * List<StoredEntry> hits = fts.search(Key.of("posts"), "run*", 20, null);
 * }</pre>
 */
public final class FtsService implements AutoCloseable {

    /** The search capability's schema scripts. */
    public static final SchemaScripts SCHEMA = new SchemaScripts("fts", List.of("V001__indexes"));

    static final int BACKFILL_BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(FtsService.class);
    private static final String BACKFILL_ROWS = "SELECT key, value, expires_at FROM kv_entries"
            + " WHERE key > ? AND key < ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY key LIMIT ?";

    private final DatabaseAdapter db;
    private final CommitPipeline pipeline;
    private final FtsDialect dialect;
    private final WhereDialect whereDialect;
    private final Clock clock;
    private final IndexCatalog catalog;
    /**
     * Definitions by prefix, as searches last read them. A search trusts them without a query: an
     * index that changed has new tables (ids are never reused), so a stale definition fails on its
     * dropped tables, and the search then reads the definition again.
     */
    private final Map<Key, IndexDefinition> known = new ConcurrentHashMap<>();
    private final ExecutorService resumer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kv-fts-backfill");
        t.setDaemon(true);
        return t;
    });

    private FtsService(DatabaseAdapter db, KvStore store, FtsDialect dialect, WhereDialect whereDialect, Clock clock) {
        this.db = db;
        this.pipeline = store.pipeline();
        this.dialect = dialect;
        this.whereDialect = whereDialect;
        this.clock = clock;
        this.catalog = new IndexCatalog(dialect);
    }

    /**
     * Attaches search to a store whose schema is up to date, and resumes, in the background, any
     * back-fill a previous run left unfinished.
     *
     * @param db the database
     * @param store the store
     * @param dialect the engine's search dialect
     * @param whereDialect the engine's where-filter dialect
     * @param clock the time source (expiry, {@code $now})
     * @return the running service
     */
    public static FtsService start(DatabaseAdapter db, KvStore store, FtsDialect dialect, WhereDialect whereDialect,
            Clock clock) {
        FtsService fts = new FtsService(db, store, dialect, whereDialect, clock);
        store.pipeline().addParticipant(fts.catalog);
        List<Long> unfinished = StoreFailures.translating(() -> db.read(IndexTable::unfinished));
        for (long id : unfinished) {
            fts.resumer.execute(() -> {
                try {
                    fts.backfill(id);
                } catch (RuntimeException e) {
                    LOG.error("Back-fill of search index {} failed; it resumes at the next start", id, e);
                }
            });
        }
        return fts;
    }

    /**
     * Opens search on a store with no other capability (tests, benchmarks): applies the search
     * schema scripts and starts it.
     *
     * @param db the database
     * @param store the store on it
     * @param clock the time source
     * @return the running service
     */
    public static FtsService open(DatabaseAdapter db, KvStore store, Clock clock) {
        Engine engine = Engine.of(db.type());
        Migrations.apply(db, engine, List.of(SCHEMA));
        return start(db, store, engine.select(SqliteFtsDialect::new, PostgresFtsDialect::new),
                engine.select(SqliteWhereDialect::new, PostgresWhereDialect::new), clock);
    }

    /**
     * Creates or replaces the index on {@code prefix} and indexes the entries already under it.
     *
     * @param index the definition
     * @throws KvValidationException for an empty or invalid prefix, or invalid fields
     */
    public void createIndex(FtsIndex index) {
        Key prefix = index.prefix();
        if (prefix == null || prefix.isEmpty()) {
            throw new KvValidationException("prefix must be a non-empty key: an index covers the entries under a prefix");
        }
        KeyLimits.validate(prefix, false);
        IndexedFields fields = IndexedFields.of(index.fields());
        FtsTokenizer tokenizer = index.tokenizer() == null ? FtsTokenizer.UNICODE61 : index.tokenizer();
        IndexDefinition created = pipeline.submit(ctx -> {
            SqlSession session = ctx.session();
            Optional<IndexDefinition> old = IndexTable.find(session, prefix);
            if (old.isPresent()) {
                IndexTable.delete(session, old.get().id());
                dialect.dropStorage(session, old.get());
            }
            IndexDefinition def = IndexTable.insert(session, prefix, fields, tokenizer);
            dialect.createStorage(session, def);
            catalog.reload(session, CatalogVersion.change(session));
            return def;
        });
        backfill(created.id());
    }

    /**
     * Removes the index on exactly {@code prefix}, if there is one, with its data.
     *
     * @param prefix the prefix
     */
    public void removeIndex(Key prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return; // no index has the empty prefix
        }
        KeyLimits.validate(prefix, false);
        pipeline.submit(ctx -> {
            SqlSession session = ctx.session();
            Optional<IndexDefinition> old = IndexTable.find(session, prefix);
            if (old.isPresent()) {
                IndexTable.delete(session, old.get().id());
                dialect.dropStorage(session, old.get());
                catalog.reload(session, CatalogVersion.change(session));
            }
            return null;
        });
    }

    /** @return every index, in prefix order */
    public List<IndexDefinition> listIndexes() {
        return StoreFailures.translating(() -> db.read(IndexTable::all));
    }

    /**
     * @param prefix the prefix of an index
     * @param query the query text
     * @param limit the most results (clamped to 1000)
     * @param where a where filter, or {@code null}
     * @return the live matching entries, best first, ties in key order
     * @throws KvIndexNotFoundException when no index has exactly this prefix
     * @throws KvValidationException for an invalid query or filter
     */
    public List<StoredEntry> search(Key prefix, String query, long limit, JsonNode where) {
        SearchQuery parsed = QueryParser.parse(query);
        int max = Limits.pageSize(limit);
        long now = clock.millis();
        SqlFragment filter = where == null || where.isNull() ? null : WhereCompiler.compile(where, now, whereDialect);
        IndexDefinition cached = known.get(prefix);
        if (cached != null) {
            try {
                return StoreFailures.translating(() -> db.read(s -> run(s, cached, parsed, filter, now, max)));
            } catch (DatabaseException stale) {
                known.remove(prefix, cached); // replaced or removed: its tables are gone; read the definition again
            }
        }
        return StoreFailures.translating(() -> db.read(s -> {
            IndexDefinition index = (prefix.isEmpty() ? Optional.<IndexDefinition>empty() : IndexTable.find(s, prefix))
                    .orElseThrow(() -> new KvIndexNotFoundException("No index found for prefix: " + prefix));
            known.put(prefix, index);
            return run(s, index, parsed, filter, now, max);
        }));
    }

    private List<StoredEntry> run(SqlSession s, IndexDefinition index, SearchQuery query, SqlFragment filter, long now,
            int max) throws SQLException {
        SqlFragment sql = dialect.search(index, query, filter, now, max);
        PreparedStatement ps = s.prepare(sql.sql());
        List<Object> params = sql.params();
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
        List<StoredEntry> hits = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                hits.add(new StoredEntry(Key.fromBytes(rs.getBytes(1)), rs.getString(2), rs.getLong(3)));
            }
        }
        return hits;
    }

    /** Indexes the entries under an index's prefix, one batch per commit, until done or the index is gone. */
    private void backfill(long id) {
        long start = System.nanoTime();
        int batches = 0;
        while (pipeline.submit(ctx -> backfillBatch(ctx.session(), id, ctx.now()))) {
            batches++;
        }
        LOG.debug("Search index {} built in {} batches, {} ms", id, batches + 1, (System.nanoTime() - start) / 1_000_000);
    }

    /** @return whether there is more to back-fill */
    private boolean backfillBatch(SqlSession session, long id, long now) throws SQLException {
        Optional<IndexTable.Backfill> state = IndexTable.backfill(session, id);
        if (state.isEmpty()) {
            return false;
        }
        IndexDefinition index = state.get().index();
        PreparedStatement ps = session.prepare(BACKFILL_ROWS);
        ps.setBytes(1, state.get().after());
        ps.setBytes(2, KeyRange.descendants(index.prefix()).upper());
        ps.setLong(3, now);
        ps.setInt(4, BACKFILL_BATCH);
        int rows = 0;
        byte[] last = null;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows++;
                last = rs.getBytes(1);
                long expiresAt = rs.getLong(3);
                Long expiry = rs.wasNull() ? null : expiresAt;
                dialect.put(session, index, Key.fromBytes(last), index.fields().texts(JsonValues.tree(rs.getString(2))),
                        expiry);
            }
        }
        boolean more = rows == BACKFILL_BATCH;
        IndexTable.progress(session, id, more ? last : null);
        return more;
    }

    /** Stops resuming back-fills (one under way finishes its batch; the rest resume at the next start). */
    @Override
    public void close() {
        resumer.shutdownNow();
    }
}
