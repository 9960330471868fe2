package io.keyval.kv.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.FtsIndex;
import io.keyval.kv.FtsTokenizer;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.fts.FtsService;
import io.keyval.kv.fts.IndexDefinition;
import io.keyval.kv.keys.KeyJson;
import io.keyval.kv.keys.KeyPaths;
import io.keyval.kv.store.StoredEntry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The full-text search endpoints (docs/http-api.md, Full-text search): index definitions and
 * searches. Both body shapes are accepted: options inside {@code options}, or at the top level (the
 * TypeScript client's form); {@code options} wins when both are given.
 */
public final class FtsRoutes implements Routes {

    private final FtsService fts;

    /** @param fts the search service */
    public FtsRoutes(FtsService fts) {
        this.fts = fts;
    }

    @Override
    public void registerOn(Router router) {
        router.add("POST", "/indexes", this::createIndex)
                .add("GET", "/indexes", this::listIndexes)
                .add("DELETE", "/indexes", this::removeIndex)
                .add("GET", "/search", this::searchByQuery)
                .add("POST", "/search", this::searchByBody);
    }

    private void createIndex(ApiRequest request) throws IOException {
        JsonNode body = request.jsonObjectBody().node();
        Key prefix = KeyJson.parseOptional(body.get("prefix"), "prefix");
        JsonNode fields = option(body, "fields");
        if (fields == null || !fields.isArray()) {
            throw new KvValidationException("options.fields must be a non-empty array of field paths");
        }
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < fields.size(); i++) {
            if (!fields.get(i).isTextual()) {
                throw new KvValidationException("options.fields[" + i + "] must be a string, received " + fields.get(i));
            }
            paths.add(fields.get(i).textValue());
        }
        JsonNode tokenize = option(body, "tokenize");
        FtsTokenizer tokenizer = FtsTokenizer.UNICODE61;
        if (tokenize != null) {
            if (!tokenize.isTextual()) {
                throw new KvValidationException("options.tokenize must be unicode61, porter or ascii, received " + tokenize);
            }
            tokenizer = FtsTokenizer.of(tokenize.textValue());
        }
        fts.createIndex(new FtsIndex(prefix, paths, tokenizer));
        ok(request);
    }

    private void listIndexes(ApiRequest request) throws IOException {
        List<IndexDefinition> indexes = fts.listIndexes();
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartArray();
            for (IndexDefinition index : indexes) {
                out.writeStartObject();
                out.writeFieldName("prefix");
                KeyJson.write(index.prefix(), out);
                out.writeArrayFieldStart("fields");
                for (String path : index.fields().paths()) {
                    out.writeString(path);
                }
                out.writeEndArray();
                out.writeStringField("tokenize", index.tokenizer().id());
                out.writeStringField("tableName", index.table());
                out.writeEndObject();
            }
            out.writeEndArray();
        });
    }

    private void removeIndex(ApiRequest request) throws IOException {
        fts.removeIndex(KeyPaths.fromQuery(required(request, "prefix")));
        ok(request);
    }

    private void searchByQuery(ApiRequest request) throws IOException {
        Key prefix = KeyPaths.fromQuery(required(request, "prefix"));
        String query = required(request, "query");
        int limit = LimitParam.fromQuery(request.query("limit"));
        send(request, fts.search(prefix, query, limit, null));
    }

    private void searchByBody(ApiRequest request) throws IOException {
        JsonNode body = request.jsonObjectBody().node();
        JsonNode prefix = body.get("prefix");
        if (prefix == null || prefix.isNull()) {
            throw new KvValidationException("prefix is required");
        }
        JsonNode query = body.get("query");
        if (query == null || query.isNull()) {
            throw new KvValidationException("query is required");
        }
        if (!query.isTextual()) {
            throw new KvValidationException("query must be a string, received " + query);
        }
        int limit = LimitParam.fromJson(option(body, "limit"));
        send(request, fts.search(KeyJson.parseOptional(prefix, "prefix"), query.textValue(), limit, option(body, "where")));
    }

    /** @return {@code options.<name>} if given, else the top-level {@code <name>}, else {@code null} */
    private static JsonNode option(JsonNode body, String name) {
        JsonNode options = body.get("options");
        if (options != null && !options.isNull() && !options.isObject()) {
            throw new KvValidationException("options must be an object");
        }
        JsonNode value = options == null || options.isNull() ? null : options.get(name);
        if (value == null || value.isNull()) {
            value = body.get(name);
        }
        return value == null || value.isNull() ? null : value;
    }

    private static String required(ApiRequest request, String name) {
        String value = request.query(name);
        if (value == null) {
            throw new KvValidationException("Missing '" + name + "' query parameter");
        }
        return value;
    }

    private static void send(ApiRequest request, List<StoredEntry> hits) throws IOException {
        JsonResponses.ok(request.exchange(), out -> EntryJson.writeArray(hits, out));
    }

    private static void ok(ApiRequest request) throws IOException {
        JsonResponses.ok(request.exchange(), out -> {
            out.writeStartObject();
            out.writeBooleanField("ok", true);
            out.writeEndObject();
        });
    }
}
