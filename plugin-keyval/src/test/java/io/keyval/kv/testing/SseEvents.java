package io.keyval.kv.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Reads the events of a stream on a thread of its own. */
public final class SseEvents implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One SSE event as received. */
    public record Event(String name, String data, String id) {
        public JsonNode json() throws Exception {
            return JSON.readTree(data);
        }
    }

    public final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Event> events = new ArrayBlockingQueue<>(1000);
    private final Thread reader;
    public final CountDownLatch ended = new CountDownLatch(1);

    public SseEvents(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(() -> {
            String name = null;
            String data = null;
            String id = null;
            Iterator<String> lines = response.body().iterator();
            try {
                while (lines.hasNext()) {
                    String line = lines.next();
                    if (line.isEmpty()) {
                        events.add(new Event(name, data, id));
                        name = null;
                        data = null;
                        id = null;
                    } else if (line.startsWith("event: ")) {
                        name = line.substring(7);
                    } else if (line.startsWith("data:")) {
                        data = line.substring(5).trim();
                    } else if (line.startsWith("id: ")) {
                        id = line.substring(4);
                    }
                }
            } catch (RuntimeException e) {
                // the connection closed
            }
            ended.countDown();
        });
        reader.setDaemon(true);
        reader.start();
    }

    /** @return the next {@code change} event (pings skipped) */
    public Event nextChange() throws InterruptedException {
        Event e;
        do {
            e = next();
        } while (!"change".equals(e.name()));
        return e;
    }

    public Event next() throws InterruptedException {
        Event e = events.poll(10, TimeUnit.SECONDS);
        if (e == null) {
            throw new AssertionError("no event within 10 s");
        }
        return e;
    }

    @Override
    public void close() {
        response.body().close();
    }
}
