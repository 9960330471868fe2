package io.keyval.kv.http;

import io.keyval.kv.ImportOptions;
import io.keyval.kv.ImportResult;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.keys.KeyPaths;
import io.keyval.kv.transfer.StoreTransfer;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.Semaphore;

/**
 * Export and import (docs/export-import.md): {@code GET /export} streams NDJSON from one snapshot;
 * {@code POST /import} applies an export as its body arrives, of any size (not limited by
 * {@code maxBodySize}), in bounded memory.
 */
public final class TransferRoutes implements Routes {

    /** Exports served at once: each holds a read snapshot (a SQLite reader) while its client reads. */
    static final int MAX_EXPORTS = 2;

    private final StoreTransfer transfer;
    private final Semaphore exports = new Semaphore(MAX_EXPORTS);

    /** @param transfer the store's export and import */
    public TransferRoutes(StoreTransfer transfer) {
        this.transfer = transfer;
    }

    /** @return the import's options: {@code mode=overwrite|skip}, {@code atomic=true|false} */
    private static ImportOptions options(ApiRequest request) {
        String mode = request.query("mode");
        if (mode != null && !mode.equals("overwrite") && !mode.equals("skip")) {
            throw new KvValidationException("mode must be overwrite or skip, received '" + mode + "'");
        }
        String atomic = request.query("atomic");
        if (atomic != null && !atomic.equals("true") && !atomic.equals("false")) {
            throw new KvValidationException("atomic must be true or false, received '" + atomic + "'");
        }
        return new ImportOptions(!"skip".equals(mode), "true".equals(atomic));
    }

    @Override
    public void registerOn(Router router) {
        router.add("GET", "/export", this::export)
                .addStreamingBody("POST", "/import", this::importBody);
    }

    private void export(ApiRequest request) throws IOException {
        Key prefix = KeyPaths.fromQuery(request.query("prefix"));
        HttpServerExchange exchange = request.exchange();
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/x-ndjson");
        exchange.getResponseHeaders().put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"keyval-export.ndjson\"");
        if (!exports.tryAcquire()) {
            throw new HttpError(503, MAX_EXPORTS + " exports are running; retry when one has finished");
        }
        try {
            exchange.startBlocking();
            try (OutputStream out = exchange.getOutputStream()) {
                transfer.exportTo(prefix, out);
            }
        } finally {
            exports.release();
        }
    }

    private void importBody(ApiRequest request) throws IOException {
        InputStream body = request.bodyStream();
        ImportResult result;
        try {
            result = transfer.importFrom(body, options(request));
        } catch (KvValidationException e) {
            body.transferTo(OutputStream.nullOutputStream()); // so that a client still sending reads the answer
            throw e;
        }
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeBooleanField("ok", true);
            out.writeNumberField("entries", result.entries());
            out.writeNumberField("skippedExisting", result.skippedExisting());
            out.writeNumberField("skippedExpired", result.skippedExpired());
            out.writeNumberField("indexes", result.indexes());
            out.writeNumberField("messages", result.messages());
            out.writeNumberField("deadLetters", result.deadLetters());
            out.writeEndObject();
        });
    }
}
