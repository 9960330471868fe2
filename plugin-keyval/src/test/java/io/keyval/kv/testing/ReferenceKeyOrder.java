package io.keyval.kv.testing;

import io.keyval.kv.Key;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The key order of docs/http-api.md §2.2 written directly from that text, independent of the binary encoding: tag
 * order bytes &lt; string &lt; number &lt; bigint &lt; boolean, then the type's own order; a proper
 * prefix sorts first.
 */
public final class ReferenceKeyOrder implements Comparator<Key> {

    public static final ReferenceKeyOrder INSTANCE = new ReferenceKeyOrder();

    private ReferenceKeyOrder() {
    }

    @Override
    public int compare(Key a, Key b) {
        List<Object> x = a.parts();
        List<Object> y = b.parts();
        for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
            int c = comparePart(x.get(i), y.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.size(), y.size());
    }

    public static int comparePart(Object a, Object b) {
        int byTag = Integer.compare(tag(a), tag(b));
        if (byTag != 0) {
            return byTag;
        }
        if (a instanceof byte[] p) {
            return Arrays.compareUnsigned(p, (byte[]) b);
        }
        if (a instanceof String s) {
            return Arrays.compare(s.codePoints().toArray(), ((String) b).codePoints().toArray());
        }
        if (a instanceof Double d) {
            double e = (Double) b;
            return d < e ? -1 : d > e ? 1 : 0; // numeric: -0 == 0
        }
        if (a instanceof BigInteger big) {
            return big.compareTo((BigInteger) b);
        }
        return Boolean.compare((Boolean) a, (Boolean) b);
    }

    private static int tag(Object part) {
        if (part instanceof byte[]) {
            return 1;
        }
        if (part instanceof String) {
            return 2;
        }
        if (part instanceof Double) {
            return 3;
        }
        if (part instanceof BigInteger) {
            return 4;
        }
        if (part instanceof Boolean) {
            return 5;
        }
        throw new IllegalArgumentException("not a key part: " + part);
    }
}
