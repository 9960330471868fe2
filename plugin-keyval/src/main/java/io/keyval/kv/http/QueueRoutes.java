package io.keyval.kv.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.keys.KeyJson;
import io.keyval.kv.metrics.QueueGauges;
import io.keyval.kv.queue.DeadLetter;
import io.keyval.kv.queue.Delivery;
import io.keyval.kv.queue.MessageLimits;
import io.keyval.kv.queue.NewMessage;
import io.keyval.kv.queue.QueueService;
import io.keyval.kv.queue.QueueStream;
import io.keyval.kv.store.JsonValues;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue endpoints (docs/http-api.md, Queue): enqueue, poll, listen (an {@link EventStream} fed
 * by a {@link QueueStream}: no thread and no polling per stream), ack, nack, stats and the
 * dead-letter queue.
 */
public final class QueueRoutes implements Routes, AutoCloseable {

    static final int MAX_PREFETCH = 100;

    private final QueueService queue;
    private final long heartbeatMillis;
    private final AtomicInteger listeners = new AtomicInteger();
    private final Set<ListenStream> streams = ConcurrentHashMap.newKeySet();

    /**
     * @param queue the queue
     * @param heartbeatMillis the longest idle time of a listen stream before a ping
     */
    public QueueRoutes(QueueService queue, long heartbeatMillis) {
        this.queue = queue;
        this.heartbeatMillis = heartbeatMillis;
    }

    @Override
    public void registerOn(Router router) {
        router.add("POST", "/queue/enqueue", this::enqueue)
                .add("GET", "/queue/poll", this::poll)
                .add("GET", "/queue/listen", this::listen)
                .add("POST", "/queue/ack", this::ack)
                .add("POST", "/queue/nack", this::nack)
                .add("GET", "/queue/stats", this::stats)
                .add("GET", "/queue/dlq", this::listDead)
                .add("DELETE", "/queue/dlq", this::purgeDead)
                .add("GET", "/queue/dlq/*", this::getDead)
                .add("POST", "/queue/dlq/*", this::requeueDead)
                .add("DELETE", "/queue/dlq/*", this::deleteDead);
    }

    private void enqueue(ApiRequest request) throws IOException {
        JsonNode body = request.jsonObjectBody().node();
        JsonNode value = body.get("value");
        String valueJson = value == null || value.isMissingNode() ? "null" : JsonValues.write(value);
        String id = queue.enqueue(message(valueJson, body.get("options")));
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeBooleanField("ok", true);
            out.writeStringField("id", id);
            out.writeEndObject();
        });
    }

    /** The enqueue options; unknown ones are ignored. */
    private static NewMessage message(String valueJson, JsonNode options) {
        if (options == null || options.isNull()) {
            return MessageLimits.of(valueJson, 0, 0, null, null);
        }
        if (!options.isObject()) {
            throw new KvValidationException("options must be an object");
        }
        long delay = options.hasNonNull("delay") ? millis(options.get("delay"), "delay") : 0;
        long priority = 0;
        JsonNode p = options.get("priority");
        if (p != null && !p.isNull()) {
            if (!p.isIntegralNumber() || !p.canConvertToLong()) {
                throw new KvValidationException("priority must be an integer from -1000 to 1000, received " + p);
            }
            priority = p.longValue();
        }
        List<Long> backoff = null;
        JsonNode b = options.get("backoffSchedule");
        if (b != null && !b.isNull()) {
            if (!b.isArray()) {
                throw new KvValidationException("backoffSchedule must be an array of ms, received " + b);
            }
            backoff = new ArrayList<>();
            for (int i = 0; i < b.size(); i++) {
                backoff.add(millis(b.get(i), "backoffSchedule[" + i + "]"));
            }
        }
        JsonNode k = options.get("keysIfUndelivered");
        List<Key> keys = null;
        if (k != null && !k.isNull()) {
            if (k.isArray() && k.isEmpty()) {
                throw new KvValidationException("keysIfUndelivered must hold 1 to 1000 keys, or be left out");
            }
            try {
                keys = KeyJson.parseBatch(k);
            } catch (KvValidationException e) {
                throw new KvValidationException("keysIfUndelivered: " + e.getMessage());
            }
        }
        return MessageLimits.of(valueJson, delay, priority, backoff, keys);
    }

    /** @return a finite, non-negative number of ms, fractions truncated (the limits are checked after) */
    private static long millis(JsonNode node, String field) {
        if (!node.isNumber() || !Double.isFinite(node.doubleValue()) || node.doubleValue() < 0) {
            throw new KvValidationException(field + " must be a number of ms, 0 or more, received " + node);
        }
        return node.canConvertToLong() ? node.longValue() : Long.MAX_VALUE;
    }

    private void poll(ApiRequest request) throws IOException {
        Delivery d = queue.dequeue();
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeFieldName("message");
            if (d == null) {
                out.writeNull();
            } else {
                writeMessage(d, out);
            }
            out.writeEndObject();
        });
    }

    private static void writeMessage(Delivery d, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", d.id());
        out.writeFieldName("value");
        out.writeRawValue(d.valueJson());
        out.writeNumberField("attempts", d.attempts());
        out.writeEndObject();
    }

    private void listen(ApiRequest request) {
        int prefetch = intParam("prefetch", request.query("prefetch"), 1, 1, MAX_PREFETCH);
        if (listeners.incrementAndGet() > queue.settings().maxListeners()) {
            listeners.decrementAndGet();
            throw new HttpError(503, "Too many queue listeners");
        }
        new ListenStream(request, prefetch);
    }

    /** One {@code /queue/listen} response and the consumer that feeds it. */
    private final class ListenStream {
        private final EventStream events;
        private QueueStream consumer; // guarded by this
        private boolean ended;

        ListenStream(ApiRequest request, int prefetch) {
            streams.add(this); // before the stream opens: its end removes it
            events = EventStream.open(request.exchange(), heartbeatMillis, this::ended);
            QueueStream c = queue.openStream(prefetch, (d, written) ->
                    events.send("message", JsonResponses.render(out -> writeMessage(d, out)), d.id(), written));
            synchronized (this) {
                consumer = c;
                if (!ended) {
                    return;
                }
            }
            c.close(); // the client left before the consumer was set up
        }

        private void ended() {
            QueueStream c;
            synchronized (this) {
                ended = true;
                c = consumer;
            }
            if (streams.remove(this)) {
                listeners.decrementAndGet();
            }
            if (c != null) {
                c.close();
            }
        }

        /** Ends the response and releases the held messages before returning. */
        void shutDown() {
            QueueStream c;
            synchronized (this) {
                ended = true;
                c = consumer;
            }
            if (c != null) {
                c.closeAndRelease();
            }
            if (events != null) { // null only while its constructor still runs
                events.close();
            }
        }
    }

    /**
     * @param raw a query parameter's value, or {@code null}
     * @return it as an integer in [min, max], or {@code def} when absent
     * @throws KvValidationException naming the parameter and its range otherwise
     */
    private static int intParam(String name, String raw, int def, int min, int max) {
        if (raw == null) {
            return def;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new KvValidationException(name + " must be an integer from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max) + ", received " + raw);
    }

    private void ack(ApiRequest request) throws IOException {
        queue.ack(id(request.jsonObjectBody().node()));
        okTrue(request);
    }

    private void nack(ApiRequest request) throws IOException {
        JsonNode body = request.jsonObjectBody().node();
        String id = id(body);
        JsonNode error = body.get("error");
        if (error != null && !error.isNull() && !error.isTextual()) {
            throw new KvValidationException("error must be a string, received " + error);
        }
        queue.nack(id, error == null || error.isNull() ? null : error.textValue());
        okTrue(request);
    }

    private static String id(JsonNode body) {
        JsonNode id = body.get("id");
        if (id == null || !id.isTextual() || id.textValue().isEmpty()) {
            throw new KvValidationException("id must be a non-empty string");
        }
        return id.textValue();
    }

    private static void okTrue(ApiRequest request) throws IOException {
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeBooleanField("ok", true);
            out.writeEndObject();
        });
    }

    private void stats(ApiRequest request) throws IOException {
        QueueGauges.Counts c = queue.current();
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeNumberField("pending", c.pending());
            out.writeNumberField("processing", c.processing());
            out.writeNumberField("dlq", c.dlq());
            out.writeNumberField("total", c.total());
            out.writeEndObject();
        });
    }

    private void listDead(ApiRequest request) throws IOException {
        int limit = LimitParam.fromQuery(request.query("limit"));
        int offset = intParam("offset", request.query("offset"), 0, 0, Integer.MAX_VALUE);
        List<DeadLetter> dead = queue.listDead(limit, offset);
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartArray();
            for (DeadLetter d : dead) {
                writeDead(d, out);
            }
            out.writeEndArray();
        });
    }

    private static void writeDead(DeadLetter d, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("id", d.id());
        out.writeStringField("originalId", d.originalId());
        out.writeFieldName("value");
        out.writeRawValue(d.valueJson());
        out.writeStringField("errorMessage", d.errorMessage());
        out.writeNumberField("attempts", d.attempts());
        out.writeNumberField("originalCreatedAt", d.originalCreatedAt());
        out.writeNumberField("failedAt", d.failedAt());
        out.writeEndObject();
    }

    private void getDead(ApiRequest request) throws IOException {
        Optional<DeadLetter> dead = queue.getDead(deadId(request, ""));
        if (dead.isEmpty()) {
            throw new HttpError(404, "Message not found in DLQ");
        }
        JsonResponses.ok(request.exchange(), out -> writeDead(dead.get(), out));
    }

    private void requeueDead(ApiRequest request) throws IOException {
        Optional<String> newId = queue.requeueDead(deadId(request, "/requeue"));
        if (newId.isEmpty()) {
            JsonResponses.send(request.exchange(), 404, out -> {
                out.writeStartObject();
                out.writeBooleanField("ok", false);
                out.writeStringField("error", "Message not found in DLQ");
                out.writeEndObject();
            });
            return;
        }
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeBooleanField("ok", true);
            out.writeStringField("newId", newId.get());
            out.writeStringField("id", newId.get());
            out.writeEndObject();
        });
    }

    private void deleteDead(ApiRequest request) throws IOException {
        queue.deleteDead(deadId(request, ""));
        okTrue(request);
    }

    private void purgeDead(ApiRequest request) throws IOException {
        long deleted = queue.purgeDead();
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeNumberField("deletedCount", deleted);
            out.writeEndObject();
        });
    }

    /**
     * @param suffix what must follow the id ({@code "/requeue"}), or {@code ""}
     * @return the dead letter's id from the path
     */
    private static String deadId(ApiRequest request, String suffix) {
        String rest = request.pathRest();
        if (!rest.endsWith(suffix)) {
            throw new HttpError(404, "Not found");
        }
        String id = QueryParams.decode(rest.substring(0, rest.length() - suffix.length()));
        if (id.isEmpty() || id.contains("/")) {
            throw new HttpError(404, "Not found");
        }
        return id;
    }

    /** Ends every open listen stream (plugin shutdown), their held messages released before it returns. */
    @Override
    public void close() {
        streams.forEach(ListenStream::shutDown);
    }
}
