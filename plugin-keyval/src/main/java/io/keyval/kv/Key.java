package io.keyval.kv;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * An immutable composite key: an ordered list of parts. Part types and their order (lowest first):
 * bytes ({@code byte[]}), string, number (double), bigint ({@link BigInteger}), boolean.
 *
 * <p>Java numbers ({@code int}, {@code long}, {@code double}, ...) become number parts; a
 * {@code long} outside ±(2<sup>53</sup>−1) is rejected (use {@link BigInteger} for a bigint part).
 * {@code -0.0} is stored as {@code 0}; NaN and infinities are rejected.
 *
 * <pre>{@code
 * Key user = Key.of("users", 42);            // ["users", 42]
 * Key profile = user.append("profile");      // ["users", 42, "profile"]
 * Key all = Key.of();                        // the empty prefix: every key
 * }</pre>
 *
 * <p>Keys are equal, hash and compare by their binary encoding, i.e. in store order. A key holding
 * a {@link #uuidv7Placeholder()} has no encoding: it is equal only to a key with the same parts, and
 * {@link #compareTo}, {@link #toBytes()} and {@link #startsWith} throw {@link IllegalArgumentException}
 * for it.
 *
 * <p>{@code of} checks types only; the key limits (1..20 parts, part sizes; docs/http-api.md §2.1) are checked
 * where a key enters the store.
 */
public final class Key implements Comparable<Key> {

    private static final Key EMPTY = new Key(List.of());
    private static final double MAX_SAFE = 9007199254740991d;

    private final List<Object> parts;
    private byte[] encoded;

    private Key(List<Object> parts) {
        this.parts = parts;
    }

    /**
     * @param parts the parts: {@link String}, any {@link Number} (see class doc), {@link BigInteger},
     *     {@link Boolean}, {@code byte[]} (copied), or {@link #uuidv7Placeholder()} in atomic keys
     * @return the key
     * @throws IllegalArgumentException for an unsupported part
     */
    public static Key of(Object... parts) {
        return of(Arrays.asList(parts));
    }

    /**
     * @param parts the parts, as for {@link #of(Object...)}
     * @return the key
     */
    public static Key of(List<?> parts) {
        if (parts.isEmpty()) {
            return EMPTY;
        }
        List<Object> normal = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            normal.add(normalise(parts.get(i), i));
        }
        return new Key(Collections.unmodifiableList(normal));
    }

    /**
     * A placeholder part that an atomic commit replaces by the commit's UUIDv7 string (one per commit,
     * shared by every placeholder in it). Same as {@code kv.uuidv7()}.
     *
     * @return the placeholder
     */
    public static Object uuidv7Placeholder() {
        return Uuidv7Placeholder.INSTANCE;
    }

    private static Object normalise(Object part, int index) {
        if (part instanceof String || part instanceof Boolean || part instanceof BigInteger
                || part == Uuidv7Placeholder.INSTANCE) {
            return part;
        }
        if (part instanceof byte[] bytes) {
            return bytes.clone();
        }
        if (part instanceof Double || part instanceof Float) {
            double d = ((Number) part).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("Invalid key part at index " + index + ": number must be finite");
            }
            return d == 0 ? 0d : d;
        }
        if (part instanceof Long || part instanceof Integer || part instanceof Short || part instanceof Byte) {
            long l = ((Number) part).longValue();
            if (Math.abs((double) l) > MAX_SAFE) {
                throw new IllegalArgumentException("Invalid key part at index " + index
                        + ": " + l + " is not a safe integer; use BigInteger for a bigint part");
            }
            return (double) l;
        }
        throw new IllegalArgumentException("Invalid key part at index " + index + ": unsupported type "
                + (part == null ? "null" : part.getClass().getName()));
    }

    /** @return the parts (byte arrays are copies) */
    public List<Object> parts() {
        List<Object> out = new ArrayList<>(parts.size());
        for (Object p : parts) {
            out.add(p instanceof byte[] b ? b.clone() : p);
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * @param index the position
     * @return the part at {@code index} (a copy for bytes)
     */
    public Object part(int index) {
        Object p = parts.get(index);
        return p instanceof byte[] b ? b.clone() : p;
    }

    /** @return the number of parts */
    public int size() {
        return parts.size();
    }

    /** @return whether this is the empty key (the "everything" prefix) */
    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /**
     * @param more parts to add at the end
     * @return a new key
     */
    public Key append(Object... more) {
        List<Object> all = new ArrayList<>(parts);
        all.addAll(Arrays.asList(more));
        return of(all);
    }

    /**
     * @param prefix another key
     * @return whether this key equals {@code prefix} or descends from it
     */
    public boolean startsWith(Key prefix) {
        byte[] mine = encoded();
        byte[] theirs = prefix.encoded();
        return mine.length >= theirs.length && Arrays.equals(mine, 0, theirs.length, theirs, 0, theirs.length);
    }

    /** @return whether any part is a UUIDv7 placeholder */
    public boolean hasPlaceholder() {
        return parts.contains(Uuidv7Placeholder.INSTANCE);
    }

    /**
     * @param uuid the commit's UUIDv7
     * @return this key with every placeholder replaced by {@code uuid}
     */
    public Key resolvePlaceholders(String uuid) {
        if (!hasPlaceholder()) {
            return this;
        }
        List<Object> out = new ArrayList<>(parts.size());
        for (Object p : parts) {
            out.add(p == Uuidv7Placeholder.INSTANCE ? uuid : p);
        }
        return new Key(Collections.unmodifiableList(out));
    }

    private byte[] encoded() {
        byte[] e = encoded;
        if (e == null) {
            e = KeyCodec.encode(parts);
            encoded = e;
        }
        return e;
    }

    /** @return the order-preserving binary encoding of this key (a copy) */
    public byte[] toBytes() {
        return encoded().clone();
    }

    /**
     * @param encoding an encoding produced by {@link #toBytes()}
     * @return the key
     * @throws IllegalArgumentException if the bytes are not a valid encoding
     */
    public static Key fromBytes(byte[] encoding) {
        Key k = new Key(Collections.unmodifiableList(KeyCodec.decode(encoding)));
        k.encoded = encoding.clone();
        return k;
    }

    @Override
    public int compareTo(Key other) {
        return Arrays.compareUnsigned(encoded(), other.encoded());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Key k)) {
            return false;
        }
        if (hasPlaceholder() || k.hasPlaceholder()) {
            return Arrays.deepEquals(parts.toArray(), k.parts.toArray());
        }
        return Arrays.equals(encoded(), k.encoded());
    }

    @Override
    public int hashCode() {
        return hasPlaceholder() ? Arrays.deepHashCode(parts.toArray()) : Arrays.hashCode(encoded());
    }

    /** @return the key in its JSON form, e.g. {@code ["users",42]} */
    @Override
    public String toString() {
        return KeyText.toJson(parts);
    }

    /** The UUIDv7 placeholder marker. */
    static final class Uuidv7Placeholder {
        static final Uuidv7Placeholder INSTANCE = new Uuidv7Placeholder();

        private Uuidv7Placeholder() {
        }

        @Override
        public String toString() {
            return "{\"__type\":\"uuidv7\"}";
        }
    }
}
