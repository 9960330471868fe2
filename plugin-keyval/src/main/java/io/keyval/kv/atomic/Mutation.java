package io.keyval.kv.atomic;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.store.Limits;
import java.util.Locale;
import java.util.Objects;

/**
 * One write of an atomic commit (docs/http-api.md §6.3). The operand is validated on construction, so a
 * request that could be built can only fail later because of what is stored.
 *
 * <pre>{@code
 * new Mutation(Mutation.Type.SUM, Key.of("stats", "hits"), IntNode.valueOf(1), null);
 * new Mutation(Mutation.Type.SET, Key.of("orders", Key.uuidv7Placeholder()), order, 60_000L);
 * }</pre>
 *
 * @param type what to do
 * @param key the key (may contain UUIDv7 placeholders)
 * @param value the operand as a JSON tree; {@code null} for {@code delete}
 * @param expiresIn time to live in ms for {@code set}, or {@code null}; ignored for other types
 * @throws KvValidationException when the operand does not fit the type
 */
public record Mutation(Type type, Key key, JsonNode value, Long expiresIn) {

    /** The mutation types and their wire names ({@code "set"}, {@code "sum"}, ...). */
    public enum Type {
        SET, DELETE, SUM, MAX, MIN, APPEND, PREPEND;

        /** @return the name used on the wire, e.g. {@code "sum"} */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param name a wire name
         * @return the type
         * @throws KvValidationException {@code Unknown mutation type: <name>}
         */
        public static Type fromWire(String name) {
            for (Type t : values()) {
                if (t.wireName().equals(name)) {
                    return t;
                }
            }
            throw new KvValidationException("Unknown mutation type: " + name);
        }
    }

    public Mutation {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        MutationSemantics.validateOperand(type, value);
        if (type == Type.SET) {
            Limits.expiresIn(expiresIn);
        } else {
            expiresIn = null;
        }
    }
}
