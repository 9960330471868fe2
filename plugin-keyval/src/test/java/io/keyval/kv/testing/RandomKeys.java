package io.keyval.kv.testing;

import io.keyval.kv.Key;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random keys biased towards the interesting cases: shared prefixes, equal parts, escape
 * bytes, U+0000, BMP-high vs supplementary characters, signed and multi-byte bigints.
 */
public final class RandomKeys {

    private static final String[] STRING_PIECES = {"", "a", "b", "\u0000", "\u00ff", "\ufffd", "\ud83d\ude00", "\uffff",
        "users", "\u007f", "\u0080", "/", "%", ",", ":"};
    private static final byte[] BYTE_VALUES = {0x00, 0x01, 0x7f, (byte) 0x80, (byte) 0xfe, (byte) 0xff};
    private static final double[] NUMBERS = {0, 1, -1, 0.5, -0.5, 1e-300, -1e-300, Double.MIN_VALUE, -Double.MIN_VALUE,
        Double.MAX_VALUE, -Double.MAX_VALUE, 9007199254740991d, -9007199254740991d, 1e21, 42, 1.5e-7};

    private final Random random;

    public RandomKeys(long seed) {
        random = new Random(seed);
    }

    public Key key(int maxParts) {
        int size = 1 + random.nextInt(maxParts);
        List<Object> parts = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            parts.add(part());
        }
        return Key.of(parts);
    }

    public Object part() {
        return switch (random.nextInt(5)) {
            case 0 -> bytes();
            case 1 -> string();
            case 2 -> number();
            case 3 -> bigInteger();
            default -> random.nextBoolean();
        };
    }

    private byte[] bytes() {
        byte[] b = new byte[random.nextInt(4)];
        for (int i = 0; i < b.length; i++) {
            b[i] = BYTE_VALUES[random.nextInt(BYTE_VALUES.length)];
        }
        return b;
    }

    private String string() {
        StringBuilder s = new StringBuilder();
        for (int n = random.nextInt(4); n > 0; n--) {
            s.append(random.nextInt(4) == 0 ? (char) ('a' + random.nextInt(26)) : STRING_PIECES[random.nextInt(STRING_PIECES.length)]);
        }
        return s.toString();
    }

    private double number() {
        if (random.nextBoolean()) {
            return NUMBERS[random.nextInt(NUMBERS.length)];
        }
        double d;
        do {
            d = Double.longBitsToDouble(random.nextLong());
        } while (!Double.isFinite(d));
        return d;
    }

    private BigInteger bigInteger() {
        int bits = switch (random.nextInt(4)) {
            case 0 -> random.nextInt(9);
            case 1 -> random.nextInt(64);
            case 2 -> random.nextInt(300);
            default -> 2033 + random.nextInt(8); // up to the 255-byte maximum
        };
        BigInteger magnitude = new BigInteger(bits, random);
        return random.nextBoolean() ? magnitude.negate() : magnitude;
    }
}
