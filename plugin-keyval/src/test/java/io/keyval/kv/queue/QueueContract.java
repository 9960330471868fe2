package io.keyval.kv.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.host.api.PluginConfig;
import io.keyval.kv.EnqueueOptions;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.KvQueue;
import io.keyval.kv.KvQueue.QueueMessage;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.QueueListenOptions;
import io.keyval.kv.WatchOptions;
import io.keyval.kv.plugin.KeyValSettings;
import io.keyval.kv.testing.RuntimeServer;
import io.keyval.kv.testing.SettableClock;
import io.keyval.kv.testing.SseEvents;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue through the Java API and over HTTP on a real socket: ordering, delays, retries, dead
 * letters, stats, competing consumers, listeners woken by enqueues, the SSE listen stream and its
 * prefetch, and the 400s that change nothing. Each test gets a fresh database (the queue is global).
 */
abstract class QueueContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final long LOCK_MILLIS = 1500;

    @TempDir
    Path tempDir;

    private Databases.ClosableDatabaseService databases;
    private RuntimeServer server;
    private KvQueue queue;
    private Kv kv;

    protected abstract TestDatabases.Engine engine();

    @BeforeEach
    void start() {
        databases = TestDatabases.open(engine(), tempDir);
        PluginConfig config = PluginConfig.of(Map.of(
                "queue", Map.of("lockDuration", LOCK_MILLIS, "cleanupInterval", 0, "maxListeners", 2),
                "watch", Map.of("heartbeat", 300)));
        server = new RuntimeServer(databases.getRootAdapter(null), KeyValSettings.from(config, "test"),
                new SettableClock(System.currentTimeMillis()));
        kv = server.kv();
        queue = kv.queue();
    }

    @AfterEach
    void stop() {
        server.close();
        databases.close();
    }

    private String take() {
        return queue.dequeue().map(m -> m.value().asText()).orElse(null);
    }

    @Test
    void priorityFirstThenReadyTimeThenEnqueueOrder() throws Exception {
        queue.enqueue("a", EnqueueOptions.defaults());
        queue.enqueue("b", EnqueueOptions.defaults().priority(5));
        queue.enqueue("c", EnqueueOptions.defaults());
        queue.enqueue("late", EnqueueOptions.defaults().priority(1000).delay(Duration.ofMillis(400)));
        queue.enqueue("d", EnqueueOptions.defaults().priority(-1));
        queue.enqueue("e", EnqueueOptions.defaults().priority(5));
        assertEquals(List.of("b", "e", "a", "c", "d"), List.of(take(), take(), take(), take(), take()));
        assertNull(take(), "the delayed message is not ready yet");
        Thread.sleep(450);
        assertEquals("late", take());
        assertEquals(new KvQueue.QueueStats(0, 6, 0), queue.stats());
        // Same priority: the earlier ready time goes first, though enqueued later.
        queue.enqueue("enqueued first, ready later", EnqueueOptions.defaults().delay(Duration.ofMillis(200)));
        queue.enqueue("enqueued second, ready now", EnqueueOptions.defaults());
        Thread.sleep(250);
        assertEquals(List.of("enqueued second, ready now", "enqueued first, ready later"), List.of(take(), take()));
    }

    @Test
    void aDelayedMessageReachesAnIdleListenerWhenDueAndNeverBefore() throws Exception {
        BlockingQueue<Long> received = new LinkedBlockingQueue<>();
        KvQueue.Listener listener = queue.listen(m -> received.add(System.nanoTime()), QueueListenOptions.defaults());
        try {
            long start = System.nanoTime();
            queue.enqueue("x", EnqueueOptions.defaults().delay(Duration.ofMillis(500)));
            Long at = received.poll(10, TimeUnit.SECONDS);
            assertTrue(at != null, "delivered");
            assertTrue(TimeUnit.NANOSECONDS.toMillis(at - start) >= 500, "not before its delay");
        } finally {
            listener.stop();
        }
        assertEquals(new KvQueue.QueueStats(0, 0, 0), queue.stats(), "acked by the listener");
    }

    @Test
    void nackRetriesAfterTheScheduleThenDeadLettersAndWritesTheFallbackKeys() throws Exception {
        Key fallback = Key.of("failed", "mail", 7);
        String id = queue.enqueue(Map.of("to", "ada"), EnqueueOptions.defaults()
                .backoffSchedule(List.of(Duration.ofMillis(200), Duration.ofMillis(400)))
                .keysIfUndelivered(List.of(fallback)));
        QueueMessage first = queue.dequeue().orElseThrow();
        assertEquals(new QueueMessage(id, JSON.readTree("{\"to\":\"ada\"}"), 1), first);
        long nacked = System.nanoTime();
        queue.nack(id, null);
        QueueMessage second = awaitMessage();
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nacked) >= 200, "not before the first wait");
        assertEquals(2, second.attempts());
        nacked = System.nanoTime();
        queue.nack(id, null);
        QueueMessage third = awaitMessage();
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nacked) >= 400, "not before the second wait");
        assertEquals(3, third.attempts());
        assertTrue(kv.get(fallback).value() == null, "nothing written before the last attempt fails");
        BlockingQueue<String> watched = new LinkedBlockingQueue<>();
        try (Kv.Subscription watch = kv.watch(List.of(fallback), WatchOptions.defaults().initial(false),
                entries -> entries.forEach(e -> watched.add(String.valueOf(e.value()))))) {
            queue.nack(id, "smtp down");
            assertEquals("{\"to\":\"ada\"}", kv.get(fallback).value().toString(), "the fallback key holds the value");
            assertEquals("{\"to\":\"ada\"}", watched.poll(10, TimeUnit.SECONDS), "written through the commit path");
        }
        assertEquals(new KvQueue.QueueStats(0, 0, 1), queue.stats());
        List<KvQueue.DlqMessage> dead = queue.listDlq(100, 0);
        assertEquals(1, dead.size());
        assertEquals(id, dead.get(0).originalId());
        assertEquals("smtp down", dead.get(0).errorMessage());
        assertEquals(3, dead.get(0).attempts());
        assertEquals(Optional.of(dead.get(0)), queue.getDlqMessage(dead.get(0).id()));
    }

    private QueueMessage awaitMessage() throws InterruptedException {
        for (int i = 0; i < 500; i++) {
            Optional<QueueMessage> m = queue.dequeue();
            if (m.isPresent()) {
                return m.get();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no message within 5 s");
    }

    @Test
    void anExpiredLockIsDeliverableAgainWithTheCleanupTaskOff() throws Exception {
        String id = queue.enqueue(1, EnqueueOptions.defaults());
        assertEquals(1, queue.dequeue().orElseThrow().attempts());
        assertTrue(queue.dequeue().isEmpty(), "locked");
        QueueMessage again = awaitMessage();
        assertEquals(id, again.id());
        assertEquals(2, again.attempts());
    }

    @Test
    void deadLettersAreListedNewestFirstRequeuedDeletedAndPurged() throws Exception {
        List<String> originals = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            originals.add(queue.enqueue(i, EnqueueOptions.defaults().backoffSchedule(List.of())));
            queue.dequeue().orElseThrow();
            queue.nack(originals.get(i), null);
            Thread.sleep(5); // distinct failure times
        }
        List<KvQueue.DlqMessage> dead = queue.listDlq(100, 0);
        assertEquals(List.of(originals.get(2), originals.get(1), originals.get(0)),
                dead.stream().map(KvQueue.DlqMessage::originalId).toList());
        assertEquals("Max attempts exceeded", dead.get(0).errorMessage());
        assertEquals(List.of(dead.get(1)), queue.listDlq(1, 1));
        String requeued = queue.requeueDlq(dead.get(0).id()).orElseThrow();
        assertNotEquals(originals.get(2), requeued);
        QueueMessage m = queue.dequeue().orElseThrow();
        assertEquals(requeued, m.id());
        assertEquals(2, m.value().asInt());
        assertEquals(Optional.empty(), queue.requeueDlq(dead.get(0).id()), "requeued once");
        queue.deleteDlq(dead.get(1).id());
        queue.deleteDlq("no-such-id");
        assertEquals(1, queue.purgeDlq());
        assertEquals(new KvQueue.QueueStats(0, 1, 0), queue.stats());
    }

    @Test
    void fourConsumersDrainTwoThousandMessagesEachDeliveredOnceAndAcked() throws Exception {
        int n = 2000;
        for (int i = 0; i < n; i++) {
            queue.enqueue(i, EnqueueOptions.defaults());
        }
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        CountDownLatch all = new CountDownLatch(n);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        KvQueue.Listener listener = queue.listen(m -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            if (m.value().asInt() < 40) {
                Thread.sleep(20); // the first handlers overlap for sure if they run concurrently
            }
            if (!seen.add(m.value().asInt())) {
                duplicates.incrementAndGet();
            }
            running.decrementAndGet();
            all.countDown();
        }, QueueListenOptions.defaults().concurrency(4));
        try {
            assertTrue(all.await(120, TimeUnit.SECONDS), "all delivered");
        } finally {
            listener.stop();
        }
        assertEquals(0, duplicates.get());
        assertEquals(n, seen.size());
        assertTrue(mostAtOnce.get() > 1, "handlers ran concurrently: at most " + mostAtOnce.get() + " at once");
        assertEquals(new KvQueue.QueueStats(0, 0, 0), queue.stats());
    }

    @Test
    void anIdleListenerIsWokenByEachEnqueueAndAFailingHandlerNacks() throws Exception {
        BlockingQueue<QueueMessage> handled = new LinkedBlockingQueue<>();
        BlockingQueue<String> errors = new LinkedBlockingQueue<>();
        KvQueue.Listener listener = queue.listen(m -> {
            handled.add(m);
            if (m.value().asText().equals("bad") && m.attempts() == 1) {
                throw new IllegalStateException("boom");
            }
        }, QueueListenOptions.defaults().onError((m, e) -> errors.add(m.id() + ":" + e.getMessage())));
        try {
            Thread.sleep(200); // the listener is idle, parked
            String good = queue.enqueue("good", EnqueueOptions.defaults());
            assertEquals(good, handled.poll(10, TimeUnit.SECONDS).id());
            String bad = queue.enqueue("bad", EnqueueOptions.defaults().backoffSchedule(List.of(Duration.ofMillis(100))));
            assertEquals(bad, handled.poll(10, TimeUnit.SECONDS).id());
            assertEquals(bad + ":boom", errors.poll(10, TimeUnit.SECONDS));
            QueueMessage retried = handled.poll(10, TimeUnit.SECONDS);
            assertEquals(bad, retried.id());
            assertEquals(2, retried.attempts());
        } finally {
            listener.stop();
        }
        assertEquals(new KvQueue.QueueStats(0, 0, 0), queue.stats());
    }

    @Test
    void aHandlerThatThrowsAnErrorHasItsMessageNackedAndTheListenerGoesOn() throws Exception {
        BlockingQueue<String> handled = new LinkedBlockingQueue<>();
        BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
        KvQueue.Listener listener = queue.listen(m -> {
            handled.add(m.value().asText());
            if (m.value().asText().equals("fatal")) {
                throw new StackOverflowError("deep");
            }
        }, QueueListenOptions.defaults().onError((m, e) -> errors.add(e)));
        try {
            queue.enqueue("fatal", EnqueueOptions.defaults().backoffSchedule(List.of()));
            assertEquals("fatal", handled.poll(10, TimeUnit.SECONDS));
            assertTrue(errors.poll(10, TimeUnit.SECONDS) instanceof StackOverflowError);
            queue.enqueue("next", EnqueueOptions.defaults());
            assertEquals("next", handled.poll(10, TimeUnit.SECONDS), "the slot lives on");
        } finally {
            listener.stop(); // returns
        }
        assertEquals("deep", queue.listDlq(10, 0).get(0).errorMessage(), "nacked after its only attempt");
    }

    @Test
    void stopWaitsForTheHandlerUnderWay() throws Exception {
        CountDownLatch inHandler = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        KvQueue.Listener listener = queue.listen(m -> {
            inHandler.countDown();
            Thread.sleep(300);
            finished.incrementAndGet();
        }, QueueListenOptions.defaults());
        queue.enqueue("slow", EnqueueOptions.defaults());
        assertTrue(inHandler.await(10, TimeUnit.SECONDS));
        listener.stop();
        assertEquals(1, finished.get(), "stop returned after the handler");
        assertEquals(new KvQueue.QueueStats(0, 0, 0), queue.stats(), "and after its ack");
        queue.enqueue("after stop", EnqueueOptions.defaults());
        Thread.sleep(200);
        assertEquals(new KvQueue.QueueStats(1, 0, 0), queue.stats(), "a stopped listener takes nothing");
    }

    @Test
    void aListenerStoppedWhileItsConsumersGoIdleTakesNoWakeUpMeantForAnother() throws Exception {
        for (int round = 0; round < 5; round++) {
            CountDownLatch drained = new CountDownLatch(20);
            for (int i = 0; i < 20; i++) {
                queue.enqueue(i, EnqueueOptions.defaults());
            }
            // Stopped as soon as the last handler returns: its consumers are still acking and parking.
            KvQueue.Listener first = queue.listen(m -> drained.countDown(), QueueListenOptions.defaults().concurrency(4));
            assertTrue(drained.await(10, TimeUnit.SECONDS));
            first.stop();
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            KvQueue.Listener second = queue.listen(m -> received.add(m.value().asText()), QueueListenOptions.defaults());
            try {
                queue.enqueue("for the second", EnqueueOptions.defaults());
                assertEquals("for the second", received.poll(10, TimeUnit.SECONDS), "round " + round);
            } finally {
                second.stop();
            }
        }
    }

    @Test
    void invalidJavaOptionsAreRejectedAndNothingIsEnqueued() {
        List<EnqueueOptions> invalid = List.of(
                EnqueueOptions.defaults().delay(Duration.ofMillis(-1)),
                EnqueueOptions.defaults().delay(Duration.ofDays(366)),
                EnqueueOptions.defaults().priority(1001),
                EnqueueOptions.defaults().backoffSchedule(Collections.nCopies(21, Duration.ofSeconds(1))),
                EnqueueOptions.defaults().backoffSchedule(List.of(Duration.ofDays(2))),
                EnqueueOptions.defaults().keysIfUndelivered(List.of()),
                EnqueueOptions.defaults().keysIfUndelivered(List.of(Key.of())));
        for (EnqueueOptions o : invalid) {
            assertThrows(KvValidationException.class, () -> queue.enqueue(1, o), o.toString());
        }
        assertThrows(KvValidationException.class, () -> queue.listen(m -> { }, QueueListenOptions.defaults().concurrency(0)));
        assertEquals(new KvQueue.QueueStats(0, 0, 0), queue.stats());
    }

    // --- HTTP -------------------------------------------------------------------------------------

    private JsonNode call(String method, String path, String body, int status) throws Exception {
        HttpResponse<String> r = server.send(method, path, body);
        assertEquals(status, r.statusCode(), method + " " + path + " " + body + " -> " + r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void theHttpEndpointsEnqueuePollAckNackAndShowStats() throws Exception {
        JsonNode enqueued = call("POST", "/queue/enqueue",
                "{\"value\":{\"n\":1},\"options\":{\"delay\":0.9,\"priority\":3,\"unknown\":true}}", 200);
        assertTrue(enqueued.path("ok").asBoolean());
        String id = enqueued.path("id").asText();
        JsonNode polled = call("GET", "/queue/poll", null, 200).path("message");
        assertEquals(JSON.readTree("{\"id\":\"" + id + "\",\"value\":{\"n\":1},\"attempts\":1}"), polled);
        assertTrue(call("GET", "/queue/poll", null, 200).path("message").isNull());
        assertEquals(JSON.readTree("{\"pending\":0,\"processing\":1,\"dlq\":0,\"total\":1}"),
                call("GET", "/queue/stats", null, 200));
        assertEquals(JSON.readTree("{\"ok\":true}"), call("POST", "/queue/nack", "{\"id\":\"" + id + "\"}", 200));
        assertEquals(JSON.readTree("{\"ok\":true}"), call("POST", "/queue/ack", "{\"id\":\"" + id + "\"}", 200));
        assertEquals(JSON.readTree("{\"ok\":true}"), call("POST", "/queue/ack", "{\"id\":\"unknown\"}", 200));
        String noValue = call("POST", "/queue/enqueue", "{}", 200).path("id").asText();
        assertEquals(JSON.readTree("{\"id\":\"" + noValue + "\",\"value\":null,\"attempts\":1}"),
                call("GET", "/queue/poll", null, 200).path("message"));
        JsonNode metrics = server.metricsJson().path("operations").path("operations");
        assertEquals(2, metrics.path("queue_enqueue").path("count").asInt());
        assertEquals(3, metrics.path("queue_dequeue").path("count").asInt(), "each poll, the empty one included");
        assertEquals(2, metrics.path("queue_ack").path("count").asInt());
        assertEquals(1, metrics.path("queue_nack").path("count").asInt());
    }

    @Test
    void invalidHttpRequestsAre400sAndChangeNothing() throws Exception {
        List<String> bodies = List.of(
                "{\"value\":1,\"options\":{\"delay\":-1}}",
                "{\"value\":1,\"options\":{\"delay\":\"5s\"}}",
                "{\"value\":1,\"options\":{\"delay\":31536000001}}",
                "{\"value\":1,\"options\":{\"priority\":1001}}",
                "{\"value\":1,\"options\":{\"priority\":1.5}}",
                "{\"value\":1,\"options\":{\"backoffSchedule\":[1000,-5]}}",
                "{\"value\":1,\"options\":{\"backoffSchedule\":\"fast\"}}",
                "{\"value\":1,\"options\":{\"backoffSchedule\":[86400001]}}",
                "{\"value\":1,\"options\":{\"keysIfUndelivered\":[]}}",
                "{\"value\":1,\"options\":{\"keysIfUndelivered\":[[]]}}",
                "{\"value\":1,\"options\":[]}",
                "[1]",
                "{not json");
        for (String body : bodies) {
            assertFalse(call("POST", "/queue/enqueue", body, 400).path("error").asText().isEmpty(), body);
        }
        assertEquals("id must be a non-empty string", call("POST", "/queue/ack", "{}", 400).path("error").asText());
        assertEquals("id must be a non-empty string", call("POST", "/queue/nack", "{\"id\":\"\"}", 400).path("error").asText());
        call("POST", "/queue/nack", "{\"id\":\"x\",\"error\":5}", 400);
        call("GET", "/queue/dlq?offset=-1", null, 400);
        call("GET", "/queue/dlq?offset=abc", null, 400);
        call("GET", "/queue/listen?prefetch=0", null, 400);
        call("GET", "/queue/listen?prefetch=101", null, 400);
        assertEquals(JSON.readTree("{\"pending\":0,\"processing\":0,\"dlq\":0,\"total\":0}"),
                call("GET", "/queue/stats", null, 200));
    }

    @Test
    void theDeadLetterEndpoints() throws Exception {
        String id = call("POST", "/queue/enqueue", "{\"value\":\"v\",\"options\":{\"backoffSchedule\":[]}}", 200)
                .path("id").asText();
        call("GET", "/queue/poll", null, 200);
        call("POST", "/queue/nack", "{\"id\":\"" + id + "\",\"error\":\"handler failed\"}", 200);
        JsonNode list = call("GET", "/queue/dlq?limit=5000", null, 200);
        assertEquals(1, list.size());
        JsonNode dead = list.get(0);
        assertEquals(id, dead.path("originalId").asText());
        assertEquals("v", dead.path("value").asText());
        assertEquals("handler failed", dead.path("errorMessage").asText());
        assertEquals(1, dead.path("attempts").asInt());
        assertTrue(dead.path("failedAt").asLong() >= dead.path("originalCreatedAt").asLong());
        String deadId = dead.path("id").asText();
        assertEquals(dead, call("GET", "/queue/dlq/" + deadId, null, 200));
        assertEquals("Message not found in DLQ", call("GET", "/queue/dlq/nope", null, 404).path("error").asText());
        JsonNode requeued = call("POST", "/queue/dlq/" + deadId + "/requeue", null, 200);
        assertEquals(requeued.path("newId"), requeued.path("id"));
        assertEquals(JSON.readTree("{\"ok\":false,\"error\":\"Message not found in DLQ\"}"),
                call("POST", "/queue/dlq/" + deadId + "/requeue", null, 404));
        assertEquals(JSON.readTree("{\"ok\":true}"), call("DELETE", "/queue/dlq/nope", null, 200));
        assertEquals(JSON.readTree("{\"deletedCount\":0}"), call("DELETE", "/queue/dlq", null, 200));
        assertEquals(JSON.readTree("{\"pending\":1,\"processing\":0,\"dlq\":0,\"total\":1}"),
                call("GET", "/queue/stats", null, 200));
    }

    private SseEvents listen(String query) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> r = server.stream("/queue/listen" + query, null);
        assertEquals(200, r.statusCode());
        assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElse(""));
        return new SseEvents(r);
    }

    private static SseEvents.Event nextMessage(SseEvents s) throws InterruptedException {
        SseEvents.Event e;
        do {
            e = s.next();
        } while (!"message".equals(e.name()));
        return e;
    }

    @Test
    void aListenStreamGetsMessagesEnqueuedAfterItConnectedOneAtATimeWithPrefetchOne() throws Exception {
        try (SseEvents s = listen("")) {
            assertEquals("ping", s.next().name(), "connected");
            String first = queue.enqueue("one", EnqueueOptions.defaults());
            String second = queue.enqueue("two", EnqueueOptions.defaults());
            SseEvents.Event e = nextMessage(s);
            assertEquals(first, e.id());
            assertEquals(JSON.readTree("{\"id\":\"" + first + "\",\"value\":\"one\",\"attempts\":1}"), e.json());
            SseEvents.Event ping = s.next();
            assertEquals("ping", ping.name(), "the second waits for the first's ack (heartbeat meanwhile)");
            call("POST", "/queue/ack", "{\"id\":\"" + first + "\"}", 200);
            assertEquals(second, nextMessage(s).id());
        }
    }

    @Test
    void aClientThatDisconnectsLeavesNoMessageLocked() throws Exception {
        try (SseEvents s = listen("?prefetch=3")) {
            for (int i = 0; i < 3; i++) {
                queue.enqueue(i, EnqueueOptions.defaults());
            }
            for (int i = 0; i < 3; i++) {
                nextMessage(s);
            }
            assertEquals(new KvQueue.QueueStats(0, 3, 0), queue.stats());
        }
        for (int i = 0; i < 200 && !queue.stats().equals(new KvQueue.QueueStats(3, 0, 0)); i++) {
            Thread.sleep(25);
        }
        assertEquals(new KvQueue.QueueStats(3, 0, 0), queue.stats(), "released, well before the lock expires");
        assertEquals(2, queue.dequeue().orElseThrow().attempts(),
                "the client received it: the delivery counts, as when a lock expires");
    }

    @Test
    void listenStreamsBeyondTheCapAre503() throws Exception {
        try (SseEvents a = listen(""); SseEvents b = listen("")) {
            assertEquals("ping", a.next().name());
            assertEquals("ping", b.next().name());
            assertEquals("Too many queue listeners", call("GET", "/queue/listen", null, 503).path("error").asText());
        }
    }
}
