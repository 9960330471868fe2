package io.keyval.kv.keys;

import io.keyval.kv.Key;
import java.util.Arrays;

/**
 * A range of key encodings: {@code lower} (inclusive or exclusive) up to {@code upper} (always
 * exclusive). Built from the selectors of docs/http-api.md §2.5.
 *
 * @param lower the lower bound
 * @param lowerInclusive whether {@code lower} itself is in the range
 * @param upper the exclusive upper bound
 */
public record KeyRange(byte[] lower, boolean lowerInclusive, byte[] upper) {

    /** One past the highest part type tag of the key encoding (see {@code io.keyval.kv.KeyCodec}). */
    private static final byte END_TAG = 0x06;

    private static final byte[] NOTHING = new byte[0];

    /**
     * @param prefix a prefix ({@code Key.of()} for every key)
     * @return the strict descendants of {@code prefix}
     */
    public static KeyRange descendants(Key prefix) {
        byte[] p = prefix.toBytes();
        return new KeyRange(p, false, descendantsEnd(p));
    }

    /**
     * @param key a key
     * @return {@code key} itself and all its descendants (delete's prefix mode)
     */
    public static KeyRange keyAndDescendants(Key key) {
        byte[] p = key.toBytes();
        return new KeyRange(p, true, descendantsEnd(p));
    }

    /**
     * @param start inclusive start, or {@code null}/empty for none
     * @param end exclusive end, or {@code null}/empty for none
     * @return this range intersected with {@code [start, end)}
     */
    public KeyRange within(Key start, Key end) {
        KeyRange r = this;
        if (start != null && !start.isEmpty()) {
            r = r.atLeast(start.toBytes(), true);
        }
        if (end != null && !end.isEmpty()) {
            r = r.below(end.toBytes());
        }
        return r;
    }

    /**
     * @param bound a key encoding
     * @param inclusive whether {@code bound} itself qualifies
     * @return this range with its lower bound raised to {@code bound} if that is higher
     */
    public KeyRange atLeast(byte[] bound, boolean inclusive) {
        int c = Arrays.compareUnsigned(bound, lower);
        if (c < 0 || (c == 0 && (inclusive || !lowerInclusive))) {
            return this;
        }
        return new KeyRange(bound, inclusive, upper);
    }

    /**
     * @param bound a key encoding
     * @return this range with its exclusive upper bound lowered to {@code bound} if that is lower
     */
    public KeyRange below(byte[] bound) {
        return Arrays.compareUnsigned(bound, upper) < 0 ? new KeyRange(lower, lowerInclusive, bound) : this;
    }

    /**
     * @param key a key encoding
     * @return whether it is in the range
     */
    public boolean contains(byte[] key) {
        int c = Arrays.compareUnsigned(key, lower);
        return (c > 0 || (c == 0 && lowerInclusive)) && Arrays.compareUnsigned(key, upper) < 0;
    }

    /** @return whether no key can be in the range */
    public boolean isEmpty() {
        int c = Arrays.compareUnsigned(lower, upper);
        return c >= 0;
    }

    /** @return an always-empty range */
    public static KeyRange empty() {
        return new KeyRange(NOTHING, false, NOTHING);
    }

    /**
     * @param prefix the encoding of a prefix key
     * @return the exclusive upper bound of its descendants: {@code prefix + END_TAG}, where
     *     {@code END_TAG} (0x06) is one past the highest part type tag of the key encoding
     */
    public static byte[] descendantsEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length + 1);
        end[prefix.length] = END_TAG;
        return end;
    }
}
