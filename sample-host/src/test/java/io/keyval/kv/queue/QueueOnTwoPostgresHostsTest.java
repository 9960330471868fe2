package io.keyval.kv.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.keyval.host.testing.HostProcess;
import io.keyval.host.testing.HttpClientHelper;
import io.keyval.host.testing.PostgresHosts;
import io.keyval.host.testing.SseSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two host processes consuming one queue on one PostgreSQL database, over HTTP: every message goes to
 * one consumer per lock and is acked once; an enqueue on one host wakes a listener on the other.
 */
class QueueOnTwoPostgresHostsTest {

    static final String API = "/keyval/api";
    @RegisterExtension
    static final PostgresHosts hosts = new PostgresHosts();

    @Test
    void fourConsumersOnTwoHostsDrainTwoThousandMessagesEachDeliveredOnceAndAckedOnce() throws Exception {
        int n = 2000;
        for (int i = 0; i < n; i++) {
            HostProcess via = i % 2 == 0 ? hosts.a() : hosts.b();
            assertEquals(200, via.http().post(API + "/queue/enqueue", Map.of("value", i)).status());
        }
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        AtomicInteger acks = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> consumers = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                HttpClientHelper http = (c % 2 == 0 ? hosts.a() : hosts.b()).http();
                consumers.add(pool.submit(() -> {
                    int idle = 0;
                    while (idle < 20) {
                        JsonNode message = http.get(API + "/queue/poll").json().path("message");
                        if (message.isNull()) {
                            idle++;
                            Thread.sleep(20);
                            continue;
                        }
                        idle = 0;
                        if (!seen.add(message.path("value").asInt())) {
                            duplicates.incrementAndGet();
                        }
                        assertEquals(200, http.post(API + "/queue/ack", Map.of("id", message.path("id").asText())).status());
                        acks.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : consumers) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, duplicates.get());
        assertEquals(n, seen.size());
        assertEquals(n, acks.get());
        assertEquals(HttpClientHelper.JSON.readTree("{\"pending\":0,\"processing\":0,\"dlq\":0,\"total\":0}"),
                hosts.b().http().get(API + "/queue/stats").json());
    }

    @Test
    void anEnqueueOnOneHostWakesAListenerOnTheOtherAndItsDisconnectReleasesTheMessage() throws Exception {
        try (SseSocket listener = SseSocket.open(hosts.b().port(), API + "/queue/listen")) {
            listener.readUntil("event: ping");
            assertEquals(200, hosts.a().http().post(API + "/queue/enqueue", Map.of("value", "across")).status());
            listener.readUntil("\"across\"");
            assertEquals(1, hosts.a().http().get(API + "/queue/stats").json().path("processing").asInt());
        }
        // Released as soon as the host sees the connection close, long before the 30 s lock expires.
        JsonNode again = NullNode.getInstance();
        for (int i = 0; i < 100 && again.isNull(); i++) {
            again = hosts.a().http().get(API + "/queue/poll").json().path("message");
            Thread.sleep(again.isNull() ? 50 : 0);
        }
        assertEquals("across", again.path("value").asText());
        assertEquals(2, again.path("attempts").asInt(), "its client received it: the delivery counts");
        assertEquals(200, hosts.a().http().post(API + "/queue/ack", Map.of("id", again.path("id").asText())).status());
    }

    @Test
    void anAckSentToTheOtherHostFreesTheStreamsPrefetchSlot() throws Exception {
        try (SseSocket listener = SseSocket.open(hosts.b().port(), API + "/queue/listen?prefetch=1")) {
            listener.readUntil("event: ping");
            String first = hosts.a().http().post(API + "/queue/enqueue", Map.of("value", "first")).json().path("id").asText();
            hosts.a().http().post(API + "/queue/enqueue", Map.of("value", "second"));
            listener.readUntil("\"first\"");
            // Acked through host A: host B's stream hears of it and sends the next one, long before
            // the first message's 30 s lock would have expired.
            long acked = System.nanoTime();
            assertEquals(200, hosts.a().http().post(API + "/queue/ack", Map.of("id", first)).status());
            listener.readUntil("\"second\"");
            long waitedMillis = (System.nanoTime() - acked) / 1_000_000;
            assertTrue(waitedMillis < 15_000, "sent after the ack, not after the lock expiry: " + waitedMillis + " ms");
        }
        JsonNode second = NullNode.getInstance();
        for (int i = 0; i < 100 && second.isNull(); i++) {
            second = hosts.a().http().get(API + "/queue/poll").json().path("message");
            Thread.sleep(second.isNull() ? 50 : 0);
        }
        assertEquals("second", second.path("value").asText(), "released when the stream closed");
        hosts.a().http().post(API + "/queue/ack", Map.of("id", second.path("id").asText()));
    }
}
