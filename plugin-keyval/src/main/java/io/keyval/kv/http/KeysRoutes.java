package io.keyval.kv.http;

import io.keyval.kv.Key;
import io.keyval.kv.keys.KeyPaths;
import io.keyval.kv.service.KvService;
import io.keyval.kv.store.EntryBytes;
import io.keyval.kv.store.ExpiresIn;
import io.keyval.kv.store.JsonValues;
import io.keyval.kv.store.RawPage;
import java.io.IOException;
import java.util.Optional;

/** The {@code /keys} endpoints (docs/http-api.md §4.1–4.9). */
public final class KeysRoutes implements Routes {

    private final KvService service;

    /** @param service the service operations the routes call */
    public KeysRoutes(KvService service) {
        this.service = service;
    }

    /**
     * Registers the routes. The fixed {@code /keys/...} routes win over {@code /keys/*} (docs/http-api.md §4).
     *
     * @param router the route table
     */
    @Override
    public void registerOn(Router router) {
        router.add("GET", "/keys", this::list)
                .add("POST", "/keys/list", this::listWithFilter)
                .add("GET", "/keys/count", this::count)
                .add("GET", "/keys/paginate", this::paginate)
                .add("POST", "/keys/batch", this::batchGet)
                .add("POST", "/keys/delete-batch", this::deleteBatch)
                .add("GET", "/keys/*", this::getAtOnce, this::get)
                .add("PUT", "/keys/*", this::set)
                .add("DELETE", "/keys/*", this::delete);
    }

    private void list(ApiRequest request) throws IOException {
        Key prefix = KeyPaths.fromQuery(request.query("prefix"));
        Key start = bound(KeyPaths.fromQuery(request.query("start")));
        Key end = bound(KeyPaths.fromQuery(request.query("end")));
        int limit = LimitParam.fromQuery(request.query("limit"));
        PiecedResponse.sendArray(request.exchange(), service.scan(prefix, start, end, limit, reverse(request), null));
    }

    private void listWithFilter(ApiRequest request) throws IOException {
        JsonBody body = request.jsonObjectBody();
        Key prefix = body.optionalKey("prefix");
        Key start = bound(body.optionalKey("start"));
        Key end = bound(body.optionalKey("end"));
        PiecedResponse.sendArray(request.exchange(),
                service.scan(prefix, start, end, body.limit(), body.flag("reverse"), body.where()));
    }

    private void count(ApiRequest request) throws IOException {
        long count = service.count(KeyPaths.fromQuery(request.query("prefix")));
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeNumberField("count", count);
            out.writeEndObject();
        });
    }

    private void paginate(ApiRequest request) throws IOException {
        Key prefix = KeyPaths.fromQuery(request.query("prefix"));
        int limit = LimitParam.fromQuery(request.query("limit"));
        RawPage page = service.paginate(prefix, request.query("cursor"), limit, reverse(request));
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeFieldName("entries");
            EntryJson.writeArray(page.entries(), out);
            out.writeStringField("cursor", page.cursor());
            out.writeBooleanField("hasMore", page.hasMore());
            out.writeEndObject();
        });
    }

    private void batchGet(ApiRequest request) throws IOException {
        PiecedResponse.sendArray(request.exchange(), service.readKeys(request.jsonObjectBody().keys()));
    }

    private void deleteBatch(ApiRequest request) throws IOException {
        JsonBody body = request.jsonObjectBody();
        sendDeleted(request, service.deleteBatch(body.keys(), body.flag("exact"), body.where()));
    }

    private void get(ApiRequest request) throws IOException {
        sendEntry(request, service.getBytes(KeyPaths.fromRawPath(request.pathRest())));
    }

    /** {@link #get} on the I/O thread, when the store can read the key without waiting. */
    private boolean getAtOnce(ApiRequest request) throws IOException {
        Optional<EntryBytes> entry = service.getBytesWithoutWaiting(KeyPaths.fromRawPath(request.pathRest()));
        if (entry.isEmpty()) {
            return false;
        }
        sendEntry(request, entry.get());
        return true;
    }

    private static void sendEntry(ApiRequest request, EntryBytes entry) throws IOException {
        if (!entry.exists()) {
            throw HttpError.notFound("Key not found");
        }
        JsonResponses.sendRendered(request.exchange(), 200, EntryJson.render(entry));
    }

    private void set(ApiRequest request) throws IOException {
        Key key = KeyPaths.fromRawPath(request.pathRest());
        Long expiresIn = ExpiresIn.parse(request.query("expiresIn"));
        byte[] body = request.body();
        if (body.length == 0) {
            throw new HttpError(400, "Request body is required: the JSON value to store");
        }
        String versionstamp = service.set(key, JsonValues.compact(body), expiresIn);
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeBooleanField("ok", true);
            out.writeStringField("versionstamp", versionstamp);
            out.writeEndObject();
        });
    }

    private void delete(ApiRequest request) throws IOException {
        Key key = KeyPaths.fromRawPath(request.pathRest());
        // Any non-empty body counts, whatever its Content-Type.
        JsonBody body = request.jsonObjectBody();
        sendDeleted(request, service.delete(key, body.flag("exact"), body.where()));
    }

    private static void sendDeleted(ApiRequest request, long deleted) throws IOException {
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeNumberField("deletedCount", deleted);
            out.writeEndObject();
        });
    }

    /** A range bound: the empty key means "no bound". */
    private static Key bound(Key key) {
        return key.isEmpty() ? null : key;
    }

    /** {@code reverse} is true only for exactly {@code true} (docs/http-api.md §4). */
    private static boolean reverse(ApiRequest request) {
        return "true".equals(request.query("reverse"));
    }
}
