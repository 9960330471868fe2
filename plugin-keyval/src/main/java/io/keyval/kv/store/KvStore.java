package io.keyval.kv.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.database.DatabaseAdapter;
import io.keyval.database.SqlSession;
import io.keyval.database.SqlWork;
import io.keyval.kv.Key;
import io.keyval.kv.commit.CommitPipeline;
import io.keyval.kv.commit.Versionstamps;
import io.keyval.kv.commit.WriteCommand;
import io.keyval.kv.engine.Engine;
import io.keyval.kv.engine.Migrations;
import io.keyval.kv.engine.SchemaScripts;
import io.keyval.kv.keys.Cursors;
import io.keyval.kv.keys.KeyLimits;
import io.keyval.kv.keys.KeyRange;
import io.keyval.kv.where.PostgresWhereDialect;
import io.keyval.kv.where.SqlFragment;
import io.keyval.kv.where.SqliteWhereDialect;
import io.keyval.kv.where.WhereCompiler;
import io.keyval.kv.where.WhereDialect;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store over one database: validated reads on pooled connections, and writes through the
 * {@link CommitPipeline}. Values travel as compact JSON text (see {@link JsonValues}). Clients reach it
 * through the service operations ({@code service.KvService}), which count their calls; the store's
 * own reads (atomic checks, a transaction's reads) call it directly.
 */
public final class KvStore implements AutoCloseable {

    /** Expired rows removed per purge commit, so that a large purge never holds the writer long. */
    private static final int PURGE_BATCH = 1000;

    private final DatabaseAdapter db;
    private final StoreDialect dialect;
    private final WhereDialect whereDialect;
    private final Clock clock;
    private final CommitPipeline pipeline;
    private final RecentWrites recentWrites = new RecentWrites();

    /** The store's schema scripts (entries, the commit sequence and the catalog version). */
    public static final SchemaScripts SCHEMA = new SchemaScripts("store", List.of("V001__entries", "V002__catalog"));

    /**
     * Starts the commit writer on a database whose schema is up to date ({@link Migrations}).
     *
     * @param db the database
     * @param dialect the engine's store dialect
     * @param where the engine's where-filter dialect
     * @param clock the time source (TTL, {@code $now})
     */
    public KvStore(DatabaseAdapter db, StoreDialect dialect, WhereDialect where, Clock clock) {
        this.db = db;
        this.dialect = dialect;
        this.whereDialect = where;
        this.clock = clock;
        this.pipeline = new CommitPipeline(db, dialect, clock);
        pipeline.addListener(recentWrites);
    }

    /**
     * Opens a store with no other capability: applies the store's schema scripts and starts the
     * commit writer. The plugin composes its store with the other capabilities instead.
     *
     * @param db the database
     * @param clock the time source
     * @return the store
     */
    public static KvStore open(DatabaseAdapter db, Clock clock) {
        Engine engine = Engine.of(db.type());
        Migrations.apply(db, engine, List.of(SCHEMA));
        return new KvStore(db, engine.select(SqliteStoreDialect::new, PostgresStoreDialect::new),
                engine.select(SqliteWhereDialect::new, PostgresWhereDialect::new), clock);
    }

    /** @return the commit pipeline every write goes through */
    public CommitPipeline pipeline() {
        return pipeline;
    }

    /** @return the versionstamps of this store's latest writes, per key (lossy) */
    public RecentWrites recentWrites() {
        return recentWrites;
    }

    /**
     * Readies a session for a scan of a key range in key order ({@link StoreDialect#beforeRangeScan}):
     * on PostgreSQL the rows must come from the primary key, never be sorted.
     *
     * @param s the scan's session, in its transaction
     * @throws SQLException on a database failure
     */
    public void prepareRangeScan(SqlSession s) throws SQLException {
        String setup = dialect.beforeRangeScan();
        if (setup != null) {
            s.prepare(setup).execute();
        }
    }

    /** @return the engine's dialect */
    StoreDialect dialect() {
        return dialect;
    }

    /**
     * @param key a non-empty key
     * @return the live entry or the absent entry
     */
    public StoredEntry get(Key key) {
        KeyLimits.validate(key, false);
        long now = clock.millis();
        return read(s -> EntryReader.readLive(s, key, now));
    }

    /**
     * Like {@link #get}, with the value as the stored UTF-8 bytes: for callers that pass it on as is.
     *
     * @param key a non-empty key
     * @return the live entry or the absent entry
     */
    public EntryBytes getBytes(Key key) {
        KeyLimits.validate(key, false);
        long now = clock.millis();
        return read(s -> EntryReader.readLiveBytes(s, key, now));
    }

    /**
     * Reads like {@link #getBytes}, but only if the read needs to wait for nothing (see
     * {@link DatabaseAdapter#readWithoutWaiting}): for a caller that must not block, such as an I/O thread.
     *
     * @param key a non-empty key
     * @return the live or absent entry; empty when the read would have had to wait (call {@link #getBytes})
     */
    public Optional<EntryBytes> getBytesWithoutWaiting(Key key) {
        KeyLimits.validate(key, false);
        long now = clock.millis();
        return StoreFailures.translating(() -> db.readWithoutWaiting(s -> EntryReader.readLiveBytes(s, key, now)));
    }

    /**
     * @param keys up to 1000 non-empty keys (an empty list returns an empty list)
     * @return one entry per key, in order
     */
    public List<StoredEntry> getMany(List<Key> keys) {
        KeyLimits.validateBatch(keys);
        long now = clock.millis();
        if (keys.isEmpty()) {
            return List.of();
        }
        return read(s -> EntryReader.readLive(s, dialect, keys, now));
    }

    /**
     * The stored rows of some keys, expiry included (for a watch: its snapshot, and when each live
     * entry will expire). An internal read, for the store's own capabilities.
     *
     * @param keys up to 1000 non-empty keys
     * @return each key's row, expired or not ({@link StoredRow#NONE} when there is none)
     */
    public Map<Key, StoredRow> readRows(List<Key> keys) {
        KeyLimits.validateBatch(keys);
        if (keys.isEmpty()) {
            return Map.of();
        }
        return read(s -> EntryReader.readRows(s, dialect, keys));
    }

    /**
     * @param key a non-empty key
     * @param json compact JSON text
     * @param expiresIn time to live in ms, or {@code null}
     * @return the new versionstamp
     */
    public String set(Key key, String json, Long expiresIn) {
        KeyLimits.validate(key, false);
        Limits.expiresIn(expiresIn);
        long seq = pipeline.submit(ctx -> {
            ctx.put(key, json, expiresIn == null ? null : ctx.now() + expiresIn);
            return ctx.seq();
        });
        return Versionstamps.format(seq);
    }

    /**
     * Deletes as {@code DELETE /keys/{path}} does (docs/http-api.md §4.9).
     *
     * @param key a non-empty key
     * @param exact only the key itself
     * @param where a filter, or {@code null}
     * @return the number of live entries removed
     */
    public long delete(Key key, boolean exact, JsonNode where) {
        KeyLimits.validate(key, false);
        return pipeline.submit(deletion(key, exact, compile(where)));
    }

    /**
     * Deletes each key as {@link #delete} would, in order, in one commit.
     *
     * @param keys up to 1000 non-empty keys
     * @param exact only the keys themselves
     * @param where a filter, or {@code null}
     * @return the number of live entries removed
     */
    public long deleteBatch(List<Key> keys, boolean exact, JsonNode where) {
        KeyLimits.validateBatch(keys);
        SqlFragment filter = compile(where);
        return pipeline.submit(ctx -> {
            long n = 0;
            for (Key k : keys) {
                n += deletion(k, exact, filter).apply(ctx);
            }
            return n;
        });
    }

    private static WriteCommand<Long> deletion(Key key, boolean exact, SqlFragment filter) {
        return ctx -> {
            if (exact) {
                byte[] k = key.toBytes();
                KeyRange one = new KeyRange(k, true, successor(k));
                return filter == null ? (ctx.deleteExact(key) ? 1L : 0L) : ctx.deleteRange(one, filter);
            }
            return ctx.deleteRange(KeyRange.keyAndDescendants(key), filter);
        };
    }

    /** The smallest encoding greater than {@code k} (so that {@code [k, successor(k))} is exactly k). */
    private static byte[] successor(byte[] k) {
        return java.util.Arrays.copyOf(k, k.length + 1); // k followed by 0x00
    }

    /**
     * Lists live strict descendants of {@code prefix} within {@code [start, end)}, in one consistent
     * read.
     *
     * @param prefix the prefix (may be empty)
     * @param start inclusive start or {@code null}
     * @param end exclusive end or {@code null}
     * @param limit page size (validated and clamped)
     * @param reverse descending order
     * @param where filter applied before the limit, or {@code null}
     * @return the entries
     */
    public List<StoredEntry> list(Key prefix, Key start, Key end, long limit, boolean reverse, JsonNode where) {
        return rangeScan(prefix, start, end, limit, reverse, where, Long.MAX_VALUE).next();
    }

    /**
     * Like {@link #list}, read in pieces of bounded size, for callers that hand each piece on before
     * reading the next (an HTTP response).
     *
     * @param prefix the prefix (may be empty)
     * @param start inclusive start or {@code null}
     * @param end exclusive end or {@code null}
     * @param limit page size (validated and clamped)
     * @param reverse descending order
     * @param where filter applied before the limit, or {@code null}
     * @return the scan, not yet started
     */
    public RangeScan scan(Key prefix, Key start, Key end, long limit, boolean reverse, JsonNode where) {
        return rangeScan(prefix, start, end, limit, reverse, where, PieceBudget.PIECE_CHARS);
    }

    private RangeScan rangeScan(Key prefix, Key start, Key end, long limit, boolean reverse, JsonNode where,
            long pieceChars) {
        KeyLimits.validate(prefix, true);
        if (start != null) {
            KeyLimits.validate(start, true);
        }
        if (end != null) {
            KeyLimits.validate(end, true);
        }
        int n = Limits.pageSize(limit);
        SqlFragment filter = compile(where);
        return new RangeScan(this, KeyRange.descendants(prefix).within(start, end), n, reverse, filter, clock.millis(),
                pieceChars);
    }

    /**
     * Like {@link #getMany}, read in pieces of bounded size, for callers that hand each piece on before
     * reading the next.
     *
     * @param keys up to 1000 non-empty keys
     * @return the read, not yet started
     */
    public KeysRead readKeys(List<Key> keys) {
        KeyLimits.validateBatch(keys);
        return new KeysRead(this, dialect, List.copyOf(keys), clock.millis());
    }

    /**
     * @param prefix the prefix (may be empty)
     * @return the number of live strict descendants
     */
    public long count(Key prefix) {
        KeyLimits.validate(prefix, true);
        KeyRange range = KeyRange.descendants(prefix);
        long now = clock.millis();
        return read(s -> {
            PreparedStatement ps = s.prepare(EntryStatements.count(range));
            ps.setLong(EntryStatements.bindRange(ps, 1, range), now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /**
     * @param prefix the prefix (may be empty)
     * @param cursor a cursor from a previous page, or {@code null}/empty
     * @param limit page size (validated and clamped)
     * @param reverse descending order
     * @return the page
     */
    public RawPage paginate(Key prefix, String cursor, long limit, boolean reverse) {
        KeyLimits.validate(prefix, true);
        int n = Limits.pageSize(limit);
        KeyRange range = KeyRange.descendants(prefix);
        if (cursor != null && !cursor.isEmpty()) {
            byte[] after = Cursors.decode(cursor);
            range = reverse ? range.below(after) : range.atLeast(after, false);
        }
        // One piece: a page of large values ends early, with a cursor, where the piece ends.
        RangeScan scan = new RangeScan(this, range, n + 1, reverse, null, clock.millis(), PieceBudget.PIECE_CHARS);
        List<StoredEntry> rows = scan.next();
        boolean more = rows.size() > n || scan.lastPieceWasCut();
        List<StoredEntry> page = rows.size() > n ? rows.subList(0, n) : rows;
        String next = more ? Cursors.encode(page.get(page.size() - 1).key().toBytes()) : null;
        return new RawPage(List.copyOf(page), next, more);
    }

    /**
     * Deletes expired rows in batches until none is left.
     *
     * @return the number of rows removed
     */
    public int purgeExpired() {
        int total = 0;
        int n;
        do {
            n = pipeline.submit(ctx -> ctx.purgeExpired(PURGE_BATCH));
            total += n;
        } while (n == PURGE_BATCH);
        return total;
    }

    /** Reads on a pooled connection (the adapter runs a read that lost its connection once more). */
    private <T> T read(SqlWork<T> work) {
        return StoreFailures.translating(() -> db.read(work));
    }

    /** Reads in batches of rows ({@link DatabaseAdapter#readStreaming}). */
    <T> T readStreaming(SqlWork<T> work) {
        return StoreFailures.translating(() -> db.readStreaming(work));
    }

    private SqlFragment compile(JsonNode where) {
        return where == null || where.isNull() ? null : WhereCompiler.compile(where, clock.millis(), whereDialect);
    }

    /** Stops the commit writer after the queued commits. The database stays open (it is not ours). */
    @Override
    public void close() {
        pipeline.close();
    }
}
