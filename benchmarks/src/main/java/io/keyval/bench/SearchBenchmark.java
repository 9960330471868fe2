package io.keyval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.AtomicOperation;
import io.keyval.kv.FtsIndex;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.SearchOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * W7, search (docs/benchmarks.md), on the plugin as it runs (its composition root, the Java API),
 * against the same searches written directly for the engine with raw JDBC (FTS5 {@code MATCH ... ORDER
 * BY bm25} on SQLite; a GIN-indexed {@code tsvector} with {@code ORDER BY ts_rank} on PostgreSQL):
 * <ul>
 *   <li>build: {@code W7_DOCS} documents ({@link SearchCorpus}) written first, then the index created
 *       and back-filled (the baseline: inserted into its text index in transactions of 1,000);</li>
 *   <li>search latency, {@code limit} 20, {@code W7_QUERIES} queries of each kind: a rare word
 *       (a few dozen documents), three words of middling frequency, and the most common word;</li>
 *   <li>W1 (one thread, Java API) into a prefix with an index on the written fields, against W1 into
 *       a prefix without one, each on a fresh database; and the same pair in raw JDBC, the reference
 *       of what an index kept in the write's transaction costs at the least.</li>
 * </ul>
 */
final class SearchBenchmark {

    static final String RAW = "raw-jdbc";
    /** Mode of W1 with an index on the written prefix; its baseline is W1 without ({@link #UNINDEXED}). */
    static final String INDEXED = "api, indexed";
    static final String UNINDEXED = "api, unindexed";
    /** The raw-JDBC reference of {@link #INDEXED} and {@link #UNINDEXED}. */
    static final String RAW_INDEXED = "jdbc, indexed";
    static final String RAW_UNINDEXED = "jdbc, unindexed";
    private static final String SYSTEM = KvApiStore.SYSTEM;
    private static final Logger LOG = LoggerFactory.getLogger(SearchBenchmark.class);
    private static final Key PREFIX = Key.of("docs");
    private static final int LIMIT = 20;
    private static final int WRITE_BATCH = 100;
    private static final int RARE_RANK = 10_000;
    private static final int MIDDLE_RANK = 100;

    /** The three kinds of query, by the ranks of their words in the corpus's vocabulary. */
    private enum Kind {
        RARE, THREE_WORDS, COMMON;

        List<String> words(SearchCorpus corpus, int i) {
            return switch (this) {
                case RARE -> List.of(corpus.word(RARE_RANK + i));
                case THREE_WORDS -> List.of(corpus.word(MIDDLE_RANK + i % 50), corpus.word(MIDDLE_RANK + 50 + i % 50),
                        corpus.word(MIDDLE_RANK + 100 + i % 50));
                case COMMON -> List.of(corpus.word(0));
            };
        }

        String mode(String prefix) {
            return prefix + " q=" + name().toLowerCase().replace('_', '-');
        }
    }

    private final Engine engine;
    private final WorkloadParameters p;
    private final Dataset data;
    private final int run;
    private final Consumer<Result> sink;

    /**
     * @param engine the engine
     * @param p the sizes
     * @param data W1's keys and values
     * @param run the round number of the result lines
     * @param sink receives the results
     */
    SearchBenchmark(Engine engine, WorkloadParameters p, Dataset data, int run, Consumer<Result> sink) {
        this.engine = engine;
        this.p = p;
        this.data = data;
        this.run = run;
        this.sink = sink;
    }

    void run() throws Exception {
        LOG.info("{} W7 search, round {}: {} documents, {} queries of each kind", engine.variant(), run,
                p.searchDocuments(), p.searchQueries());
        try (Engine.FreshDatabase database = engine.create()) {
            raw(database);
        }
        try (KvApiStore store = new KvApiStore(engine.create(), data)) {
            String durability = store.durability();
            Kv kv = store.kv();
            SearchCorpus corpus = new SearchCorpus();
            for (int i = 0; i < p.searchDocuments(); i += WRITE_BATCH) {
                AtomicOperation batch = kv.atomic();
                for (int j = i; j < Math.min(i + WRITE_BATCH, p.searchDocuments()); j++) {
                    batch.set(PREFIX.append(j), Map.of("title", corpus.title(), "body", corpus.body()));
                }
                batch.commit();
            }
            long start = System.nanoTime();
            kv.fts().createIndex(FtsIndex.of(PREFIX, "title", "body"));
            emit(SYSTEM, durability, "api", "build_s", (System.nanoTime() - start) / 1e9, "s");
            for (boolean timed : List.of(false, true)) { // a first, untimed pass warms up the code and the cache
                for (Kind kind : Kind.values()) {
                    Latencies l = new Latencies(p.searchQueries());
                    for (int i = 0; i < p.searchQueries(); i++) {
                        String query = String.join(" ", kind.words(corpus, i));
                        long t = System.nanoTime();
                        kv.fts().search(PREFIX, query, SearchOptions.defaults().limit(LIMIT));
                        l.record(System.nanoTime() - t);
                    }
                    if (timed) {
                        emitLatency(SYSTEM, durability, kind.mode("api"), l);
                    }
                }
            }
        }
        writes(false);
        writes(true);
        for (boolean indexed : List.of(false, true)) {
            try (Engine.FreshDatabase database = engine.create()) {
                rawWrites(database, indexed);
            }
        }
    }

    /**
     * One side of the reference of W1 into an indexed prefix, in raw JDBC, on a fresh database: W1's
     * upsert alone (auto-commit), or the upsert and the least a same-transaction text index adds (on
     * SQLite: the key's rowid and the FTS5 row) in one transaction per write. The ratio of the two
     * sides is the most an index kept in step can leave of W1.
     */
    private void rawWrites(Engine.FreshDatabase database, boolean indexed) throws Exception {
        RawDialect dialect = database.dialect();
        try (Connection c = database.connect()) {
            String durability = dialect.durability(c);
            dialect.createTablesOn(c);
            RawDialect.IndexedWrite index = dialect.indexedWrite(c);
            try (PreparedStatement upsert = c.prepareStatement(RawJdbcClient.UPSERT);
                    Statement tx = c.createStatement()) {
                long start = System.nanoTime();
                for (int i = 0; i < p.keys(); i++) {
                    if (indexed) {
                        tx.execute(dialect.beginWrite());
                    }
                    upsert.setBytes(1, data.keyBytesAt(i));
                    upsert.setString(2, data.valueAt(i));
                    upsert.executeUpdate();
                    if (indexed) {
                        JsonNode v = data.treeAt(i);
                        index.index(data.keyBytesAt(i), v.get("name").asText(), v.get("email").asText(),
                                v.get("tags").toString());
                        tx.execute("COMMIT");
                    }
                }
                double rate = p.keys() / ((System.nanoTime() - start) / 1e9);
                sink.accept(new Result(RAW, engine.variant(), durability, "W1", "ops_per_s", rate, "ops/s", run,
                        indexed ? RAW_INDEXED : RAW_UNINDEXED));
            }
        }
    }

    /** W1 on a fresh database, into a prefix with or without an index on the written fields. */
    private void writes(boolean indexed) throws Exception {
        try (KvApiStore store = new KvApiStore(engine.create(), data)) {
            if (indexed) {
                store.kv().fts().createIndex(FtsIndex.of(Dataset.PREFIX, "name", "email", "tags"));
            }
            for (Figure f : PointWorkload.sets(store.clients(), 1, p)) {
                if (f.metric().equals("ops_per_s")) {
                    sink.accept(new Result(SYSTEM, engine.variant(), store.durability(), "W1",
                            f.metric(), f.value(), f.unit(), run, indexed ? INDEXED : UNINDEXED));
                }
            }
        }
    }

    /** The same documents and searches written directly for the engine. */
    private void raw(Engine.FreshDatabase database) throws Exception {
        RawDialect dialect = database.dialect();
        SearchCorpus corpus = new SearchCorpus();
        String durability;
        try (Connection c = database.connect()) {
            durability = dialect.durability(c);
            try (Statement s = c.createStatement()) {
                for (String ddl : dialect.createSearchTable()) {
                    s.execute(ddl);
                }
            }
            long start = System.nanoTime();
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement(dialect.insertSearchDocument())) {
                for (int i = 0; i < p.searchDocuments(); i++) {
                    insert.setLong(1, i);
                    insert.setString(2, corpus.title());
                    insert.setString(3, corpus.body());
                    insert.executeUpdate();
                    if (i % 1000 == 999) {
                        c.commit();
                    }
                }
            }
            c.commit();
            c.setAutoCommit(true);
            emit(RAW, durability, "jdbc", "build_s", (System.nanoTime() - start) / 1e9, "s");
            try (PreparedStatement search = c.prepareStatement(dialect.searchQuery())) {
                for (boolean timed : List.of(false, true)) {
                    for (Kind kind : Kind.values()) {
                        Latencies l = new Latencies(p.searchQueries());
                        for (int i = 0; i < p.searchQueries(); i++) {
                            search.setString(1, dialect.searchSyntax(kind.words(corpus, i)));
                            search.setInt(2, LIMIT);
                            long t = System.nanoTime();
                            List<String> rows = new ArrayList<>();
                            try (ResultSet rs = search.executeQuery()) {
                                while (rs.next()) {
                                    rows.add(rs.getString(2) + rs.getString(3));
                                }
                            }
                            l.record(System.nanoTime() - t);
                        }
                        if (timed) {
                            emitLatency(RAW, durability, kind.mode("jdbc"), l);
                        }
                    }
                }
            }
        }
    }

    private void emitLatency(String system, String durability, String mode, Latencies l) {
        emit(system, durability, mode, "latency_p50_ms", l.percentileMillis(50), "ms");
        emit(system, durability, mode, "latency_p99_ms", l.percentileMillis(99), "ms");
    }

    private void emit(String system, String durability, String mode, String metric, double value, String unit) {
        sink.accept(new Result(system, engine.variant(), durability, "W7", metric, value, unit, run, mode));
    }
}
