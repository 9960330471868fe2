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
import io.keyval.kv.store.EntryStatements;
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
 * entries already there are then indexed in batches of at most {@value #BACKFILL_BATCH} entries and
 * {@value #BACKFILL_BYTES} bytes of values, each a commit of its own, so writers wait at most one
 * batch; the progress is stored with the definition, so a back-fill that fails is resumed in the
 * background, and one cut short by a crash at the next start. The tables of a replaced or removed
 * index are dropped after the change commits, in a transaction of their own.
 *
 * <pre>{@code
 * FtsService fts = FtsService.start(adapter, store, dialect, whereDialect, clock);
 * fts.createIndex(FtsIndex.of(Key.of("posts"), "title", "body").tokenizer(FtsTokenizer.PORTER));
 * List<StoredEntry> hits = fts.search(Key.of("posts"), "run*", 20, null);
 * }</pre>
 */
public final class FtsService implements AutoCloseable {

    /** The search capability's schema scripts. */
    public static final SchemaScripts SCHEMA = new SchemaScripts("fts", List.of("V001__indexes"));

    static final int BACKFILL_BATCH = 1000;
    static final int BACKFILL_BYTES = 4 << 20;
    /** Rows a back-fill batch holds in memory at once (values may be large). */
    private static final int BACKFILL_FETCH = 16;
    private static final long RETRY_FIRST_MILLIS = 1000;
    private static final long RETRY_MAX_MILLIS = 60_000;
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
        // Tables first, definitions second: an index created in between has both, never only tables.
        List<Long> stored = StoreFailures.translating(() -> db.read(dialect::storedIndexes));
        List<IndexDefinition> defined = fts.listIndexes();
        for (long id : stored) {
            if (defined.stream().noneMatch(d -> d.id() == id)) {
                fts.resumer.execute(() -> fts.drop(id)); // its drop was cut short
            }
        }
        for (long id : StoreFailures.translating(() -> db.read(IndexTable::unfinished))) {
            fts.resumeBackfill(id);
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
     * Creates or replaces the index on {@code prefix} and indexes the entries already under it. An
     * index with the same definition stays: only its back-fill, if unfinished, goes on.
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
        FtsIndex wanted = new FtsIndex(prefix, fields.paths(), tokenizer);
        long[] replaced = {-1};
        IndexDefinition created = pipeline.submit(ctx -> {
            SqlSession session = ctx.session();
            Optional<IndexDefinition> old = IndexTable.find(session, prefix);
            replaced[0] = -1;
            if (old.isPresent() && old.get().sameAs(wanted)) {
                return old.get();
            }
            if (old.isPresent()) {
                IndexTable.delete(session, old.get().id());
                replaced[0] = old.get().id();
            }
            IndexDefinition def = IndexTable.insert(session, prefix, fields, tokenizer);
            dialect.createStorage(session, def);
            catalog.reload(session, CatalogVersion.change(session));
            return def;
        });
        if (replaced[0] >= 0) {
            drop(replaced[0]);
        }
        try {
            backfill(created.id());
        } catch (RuntimeException e) {
            resumeBackfill(created.id()); // the index exists: it must not stay half built
            throw e;
        }
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
        long removed = pipeline.submit(ctx -> {
            SqlSession session = ctx.session();
            Optional<IndexDefinition> old = IndexTable.find(session, prefix);
            if (old.isEmpty()) {
                return -1L;
            }
            IndexTable.delete(session, old.get().id());
            catalog.reload(session, CatalogVersion.change(session));
            return old.get().id();
        });
        if (removed >= 0) {
            drop(removed);
        }
    }

    /**
     * Drops the tables of an index whose definition is gone; when that fails (the tables are in use
     * for too long, the database is away), the next start drops them.
     */
    private void drop(long id) {
        try {
            StoreFailures.translating(() -> db.transaction(s -> {
                dialect.dropStorage(s, id);
                return null;
            }));
        } catch (RuntimeException e) {
            LOG.warn("Could not drop the tables of removed search index {} ({}); the next start drops them", id,
                    e.getMessage());
        }
    }

    /**
     * @param session a session, in whatever transaction the caller reads (an export's snapshot)
     * @return every index definition, in prefix order
     * @throws SQLException on a database failure
     */
    public static List<FtsIndex> definitions(SqlSession session) throws SQLException {
        return IndexTable.all(session).stream().map(IndexDefinition::toPublic).toList();
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
        if (prefix == null) {
            throw new KvValidationException("prefix is required");
        }
        SearchQuery parsed = QueryParser.parse(query);
        int max = Limits.pageSize(limit);
        long now = clock.millis();
        SqlFragment filter = where == null || where.isNull() ? null : WhereCompiler.compile(where, now, whereDialect);
        IndexDefinition cached = known.get(prefix);
        if (cached != null) {
            try {
                return StoreFailures.translating(() -> db.read(s -> run(s, cached, parsed, filter, now, max)));
            } catch (DatabaseException e) {
                if (!dialect.isMissingStorage(e)) {
                    throw e;
                }
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
        EntryStatements.bindFilter(ps, 1, sql);
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
        int batches = 1;
        while (pipeline.submit(ctx -> backfillBatch(ctx.session(), id, ctx.now()))) {
            batches++;
        }
        LOG.debug("Search index {} built in {} batches, {} ms", id, batches, (System.nanoTime() - start) / 1_000_000);
    }

    /** Runs a back-fill in the background, again after each failure (waiting longer each time) until it is done. */
    private void resumeBackfill(long id) {
        resumer.execute(() -> {
            long wait = RETRY_FIRST_MILLIS;
            while (!resumer.isShutdown()) {
                try {
                    backfill(id);
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("Back-fill of search index {} failed ({}); retrying in {} ms", id, e.getMessage(), wait);
                }
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException e) {
                    return; // closing: the next start resumes it
                }
                wait = Math.min(wait * 2, RETRY_MAX_MILLIS);
            }
        });
    }

    /** @return whether there is more to back-fill */
    private boolean backfillBatch(SqlSession session, long id, long now) throws SQLException {
        Optional<IndexTable.Backfill> state = IndexTable.backfill(session, id);
        if (state.isEmpty()) {
            return false;
        }
        IndexDefinition index = state.get().index();
        PreparedStatement ps = session.prepare(BACKFILL_ROWS);
        ps.setFetchSize(BACKFILL_FETCH);
        ps.setBytes(1, state.get().after());
        ps.setBytes(2, KeyRange.descendants(index.prefix()).upper());
        ps.setLong(3, now);
        ps.setInt(4, BACKFILL_BATCH + 1); // one more: whether there is more
        int rows = 0;
        long bytes = 0;
        byte[] last = null;
        boolean more;
        try (ResultSet rs = ps.executeQuery()) {
            while ((more = rs.next()) && rows < BACKFILL_BATCH && bytes < BACKFILL_BYTES) {
                rows++;
                last = rs.getBytes(1);
                String json = rs.getString(2);
                bytes += json.length();
                long expiresAt = rs.getLong(3);
                Long expiry = rs.wasNull() ? null : expiresAt;
                dialect.put(session, index, Key.fromBytes(last), index.fields().texts(JsonValues.tree(json)), expiry);
            }
        }
        IndexTable.progress(session, id, more ? last : null);
        return more;
    }

    /** Stops resuming back-fills (one under way finishes its batch; the rest resume at the next start). */
    @Override
    public void close() {
        resumer.shutdownNow();
    }
}
