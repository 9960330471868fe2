package io.keyval.kv.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.database.DatabaseAdapter;
import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.kv.Key;
import io.keyval.kv.atomic.TriggerDispatcher;
import io.keyval.kv.commit.WriteCommand;
import io.keyval.kv.engine.Engine;
import io.keyval.kv.fts.DefaultFts;
import io.keyval.kv.fts.FtsService;
import io.keyval.kv.metrics.MetricsRecorder;
import io.keyval.kv.plugin.DefaultKv;
import io.keyval.kv.queue.DefaultQueue;
import io.keyval.kv.queue.QueueService;
import io.keyval.kv.service.KvService;
import io.keyval.kv.store.JsonValues;
import io.keyval.kv.store.KvStore;
import io.keyval.kv.store.StoredEntry;
import io.keyval.kv.transfer.StoreTransfer;
import io.keyval.kv.watch.WatchHub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real store on a fresh database of the subclass's engine, shared by the tests of one class; each
 * test works below its own root key. The clock only moves when a test moves it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class StoreFixture {

    // static: instance @TempDir fields are not yet injected when a PER_CLASS @BeforeAll runs
    @TempDir
    protected static Path tempDir;

    protected final SettableClock clock = new SettableClock(1_700_000_000_000L);
    protected DatabaseAdapter adapter;
    protected KvStore store;
    protected WatchHub watches;
    private TriggerDispatcher triggers;
    private QueueService queue;
    private FtsService fts;
    protected DefaultKv kv;
    protected Key root;
    private Databases.ClosableDatabaseService databases;
    private int testNo;

    /** @return the engine this class runs on */
    protected abstract TestDatabases.Engine engine();

    @BeforeAll
    protected void open() {
        databases = TestDatabases.open(engine(), tempDir);
        adapter = databases.getRootAdapter(null);
        store = KvStore.open(adapter, clock);
        watches = WatchHub.attachTo(store, clock, adapter.notifications());
        triggers = TriggerDispatcher.attachTo(store.pipeline());
        queue = QueueService.open(adapter, store);
        fts = FtsService.open(adapter, store, clock);
        kv = new DefaultKv(new KvService(store, MetricsRecorder.NONE), triggers, Optional.empty(), watches,
                new DefaultQueue(queue), new DefaultFts(fts),
                new StoreTransfer(adapter, Engine.of(adapter.type()), store, fts, queue, clock));
    }

    @AfterAll
    protected void close() {
        if (queue != null) {
            queue.close();
        }
        if (fts != null) {
            fts.close();
        }
        if (watches != null) {
            watches.close();
        }
        if (store != null) {
            store.close();
        }
        if (triggers != null) {
            triggers.close();
        }
        if (databases != null) {
            databases.close();
        }
    }

    @BeforeEach
    protected void freshRoot() {
        root = Key.of(getClass().getSimpleName(), ++testNo);
    }

    protected Key k(Object... parts) {
        return root.append(parts);
    }

    /** @return the stored JSON text of a live entry, or {@code null} when absent */
    protected String json(Key key) {
        return store.get(key).json();
    }

    /** Stores JSON text as is (numbers exactly as written). */
    protected String put(Key key, String json) {
        return store.set(key, JsonValues.compact(json.getBytes(StandardCharsets.UTF_8)), null);
    }

    /** @return the entries of {@code keys} (value and versionstamp), to compare before/after */
    protected List<StoredEntry> snapshot(Key... keys) {
        return store.getMany(List.of(keys));
    }

    /** @return the JSON form of a key, for building {@code POST /atomic} bodies */
    protected static String keyJson(Key key) {
        return key.toString();
    }

    /** @return the JSON text as a tree */
    protected static JsonNode tree(String json) {
        return JsonValues.tree(json);
    }

    /**
     * Submits the commits so that they run as one group: a held commit keeps the writer busy while
     * they queue behind it, in any order.
     *
     * @return their futures, in the order of {@code commits}, once the held commit has ended
     */
    protected List<Future<Object>> asOneGroup(List<WriteCommand<?>> commits) throws Exception {
        CountDownLatch writerHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(commits.size() + 1);
        try {
            Future<?> blocker = pool.submit(() -> store.pipeline().submit(ctx -> {
                writerHeld.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }));
            assertTrue(writerHeld.await(30, TimeUnit.SECONDS));
            List<Future<Object>> futures = new ArrayList<>();
            for (WriteCommand<?> c : commits) {
                futures.add(pool.submit(() -> (Object) store.pipeline().submit(c)));
            }
            Thread.sleep(200); // let the commits queue behind the held writer
            release.countDown();
            blocker.get(30, TimeUnit.SECONDS);
            for (Future<Object> f : futures) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    // the caller looks at each outcome
                }
            }
            return futures;
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
