package io.keyval.kv.http;

import io.keyval.kv.CommitResult;
import io.keyval.kv.atomic.AtomicRequest;
import io.keyval.kv.service.KvService;
import java.io.IOException;

/**
 * {@code POST /atomic} (docs/http-api.md §4.10, §6): 200 {@code {"ok":true,"versionstamp":"..."}}, 200
 * {@code {"ok":false}} when a check failed, 400 {@code {"error":"..."}} for an invalid request or a
 * mutation that does not fit the stored value (nothing applied in either case). The body must be a
 * JSON object ({@code {}} is an empty commit).
 */
public final class AtomicRoutes implements Routes {

    private final KvService service;

    /** @param service the service operations the route calls */
    public AtomicRoutes(KvService service) {
        this.service = service;
    }

    @Override
    public void registerOn(Router router) {
        router.add("POST", "/atomic", this::commit);
    }

    private void commit(ApiRequest request) throws IOException {
        AtomicRequest atomic = AtomicRequest.parse(request.jsonObjectBody().node());
        CommitResult result = service.commit(atomic);
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeBooleanField("ok", result.ok());
            if (result.ok()) {
                out.writeStringField("versionstamp", result.versionstamp());
            }
            out.writeEndObject();
        });
    }
}
