package io.keyval.kv.atomic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.keys.KeyJson;
import io.keyval.kv.keys.KeyLimits;
import io.keyval.kv.store.ExpiresIn;
import java.util.ArrayList;
import java.util.List;

/**
 * A validated atomic commit: checks, then mutations in order (docs/http-api.md §6.1). Built from the HTTP body
 * by {@link #parse} or from Java by {@link AtomicBuilder}; executed by {@link AtomicCommit}.
 * Construction validates everything that does not depend on stored values, so an invalid request
 * never reaches the database. Error messages name the offending position, e.g.
 * {@code Invalid mutation at index 2: sum value must be a number, bigint, or numeric string}.
 *
 * <pre>{@code
 * AtomicRequest r = AtomicRequest.parse(tree("""
 *     {"checks":[{"key":["a"],"versionstamp":null}],
 *      "mutations":[{"type":"set","key":["a"],"value":1,"expiresIn":60000}]}"""));
 * }</pre>
 *
 * @param checks at most {@value #MAX_CHECKS} checks; keys without placeholders
 * @param mutations at most {@value #MAX_MUTATIONS} mutations
 */
public record AtomicRequest(List<Check> checks, List<Mutation> mutations) {

    /** Most checks in one commit. */
    public static final int MAX_CHECKS = 1000;
    /** Most mutations in one commit. */
    public static final int MAX_MUTATIONS = 1000;

    // Placeholder keys are validated as they will be stored: with a 36-character UUID string part.
    private static final String SAMPLE_UUID = "00000000-0000-7000-8000-000000000000";

    /**
     * @throws KvValidationException for too many checks or mutations or an invalid key
     */
    public AtomicRequest {
        checks = List.copyOf(checks);
        mutations = List.copyOf(mutations);
        if (checks.size() > MAX_CHECKS) {
            throw new KvValidationException("Too many checks (max " + MAX_CHECKS + ")");
        }
        if (mutations.size() > MAX_MUTATIONS) {
            throw new KvValidationException("Too many mutations (max " + MAX_MUTATIONS + ")");
        }
        for (int i = 0; i < checks.size(); i++) {
            Key key = checks.get(i).key();
            if (key.hasPlaceholder()) {
                throw invalid("check", i, "UUIDv7 placeholders are only allowed in mutation keys");
            }
            validateKey("check", i, key);
        }
        for (int i = 0; i < mutations.size(); i++) {
            validateKey("mutation", i, mutations.get(i).key().resolvePlaceholders(SAMPLE_UUID));
        }
    }

    /** @return whether the commit has neither checks nor mutations */
    public boolean isEmpty() {
        return checks.isEmpty() && mutations.isEmpty();
    }

    /**
     * Parses the body of {@code POST /atomic}.
     *
     * @param body the JSON body
     * @return the request
     * @throws KvValidationException for anything docs/http-api.md §6.1/§6.3 rejects
     */
    public static AtomicRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new KvValidationException("Body must be an object with checks and mutations arrays");
        }
        JsonNode checks = array(body, "checks", MAX_CHECKS);
        JsonNode mutations = array(body, "mutations", MAX_MUTATIONS);
        List<Check> parsedChecks = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            try {
                parsedChecks.add(parseCheck(checks.get(i)));
            } catch (KvValidationException e) {
                throw invalid("check", i, e.getMessage());
            }
        }
        List<Mutation> parsedMutations = new ArrayList<>(mutations.size());
        for (int i = 0; i < mutations.size(); i++) {
            try {
                parsedMutations.add(parseMutation(mutations.get(i)));
            } catch (KvValidationException e) {
                throw invalid("mutation", i, e.getMessage());
            }
        }
        return new AtomicRequest(parsedChecks, parsedMutations);
    }

    private static JsonNode array(JsonNode body, String field, int max) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return JsonNodeFactory.instance.arrayNode();
        }
        if (!node.isArray()) {
            throw new KvValidationException(field + " must be an array");
        }
        if (node.size() > max) {
            throw new KvValidationException("Too many " + field + " (max " + max + ")");
        }
        return node;
    }

    private static Check parseCheck(JsonNode node) {
        if (!node.isObject()) {
            throw new KvValidationException("check must be an object");
        }
        Key key = KeyJson.parseKey(node.path("key"), false);
        JsonNode vs = node.get("versionstamp");
        if (vs != null && !vs.isNull() && !vs.isTextual()) {
            throw new KvValidationException("versionstamp must be a string or null");
        }
        return new Check(key, vs == null || vs.isNull() ? null : vs.textValue());
    }

    private static Mutation parseMutation(JsonNode node) {
        if (!node.isObject()) {
            throw new KvValidationException("mutation must be an object");
        }
        JsonNode type = node.path("type");
        if (!type.isTextual()) {
            throw new KvValidationException("Unknown mutation type: " + (type.isMissingNode() ? "(none)" : type));
        }
        Mutation.Type t = Mutation.Type.fromWire(type.textValue());
        Key key = KeyJson.parseKey(node.path("key"), true);
        Long expiresIn = t == Mutation.Type.SET ? expiresIn(node.get("expiresIn")) : null;
        return new Mutation(t, key, node.get("value"), expiresIn);
    }

    /** The same rules as the {@code expiresIn} query parameter of {@code PUT /keys}; a JSON number as its text. */
    private static Long expiresIn(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return ExpiresIn.parse(node.isTextual() ? node.textValue() : node.toString());
    }

    private static void validateKey(String what, int index, Key key) {
        try {
            KeyLimits.validate(key, false);
        } catch (KvValidationException e) {
            throw invalid(what, index, e.getMessage());
        }
    }

    private static KvValidationException invalid(String what, int index, String message) {
        return new KvValidationException("Invalid " + what + " at index " + index + ": " + message);
    }
}
