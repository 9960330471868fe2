package io.keyval.kv.testing;

import java.util.Random;

/** Random JSON documents (with random white space) and random byte-level damage, for differential tests. */
public final class RandomJson {

    private static final String[] SCALARS = {"0", "-0", "1", "-12", "3.25", "1e3", "1E-2", "2.5e+10", "12345678901234567890",
        "true", "false", "null", "\"\"", "\"abc\"", "\"caf\u00e9\"", "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\u0041\\u00e9\"",
        "\"\uD83D\uDE00\"", "\"\\ud83d\\ude00\"", "\"a b\"", "1e308", "0.000001"};
    private static final String[] SPACE = {"", "", "", " ", "\n", "\t", "\r\n  "};
    private static final byte[] DAMAGE = {'{', '}', '[', ']', ',', ':', '"', '\\', ' ', '0', '-', '.', 'e', 'u', 'n',
        (byte) 0xC3, (byte) 0xA9, (byte) 0xED, (byte) 0xFF, 0, 0x1F, 'x'};

    private RandomJson() {
    }

    public static String document(Random random) {
        StringBuilder out = new StringBuilder();
        value(random, out, 0);
        return space(random) + out + space(random);
    }

    private static void value(Random random, StringBuilder out, int depth) {
        int kind = depth > 4 ? 2 : random.nextInt(4);
        if (kind == 0) {
            out.append('{').append(space(random));
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                out.append(i == 0 ? "" : "," + space(random)).append("\"k").append(i).append(random.nextBoolean() ? "\u00e9" : "")
                        .append('"').append(space(random)).append(':').append(space(random));
                value(random, out, depth + 1);
                out.append(space(random));
            }
            out.append('}');
        } else if (kind == 1) {
            out.append('[').append(space(random));
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                out.append(i == 0 ? "" : "," + space(random));
                value(random, out, depth + 1);
                out.append(space(random));
            }
            out.append(']');
        } else {
            out.append(SCALARS[random.nextInt(SCALARS.length)]);
        }
    }

    private static String space(Random random) {
        return SPACE[random.nextInt(SPACE.length)];
    }

    /** Replaces, inserts or deletes a byte or two. */
    public static byte[] mutate(byte[] bytes, Random random) {
        byte[] out = bytes;
        for (int m = random.nextInt(2) + 1; m > 0; m--) {
            int at = out.length == 0 ? 0 : random.nextInt(out.length);
            byte b = DAMAGE[random.nextInt(DAMAGE.length)];
            switch (random.nextInt(3)) {
                case 0 -> {
                    if (out.length > 0) {
                        out = out.clone();
                        out[at] = b;
                    }
                }
                case 1 -> {
                    byte[] longer = new byte[out.length + 1];
                    System.arraycopy(out, 0, longer, 0, at);
                    longer[at] = b;
                    System.arraycopy(out, at, longer, at + 1, out.length - at);
                    out = longer;
                }
                default -> {
                    if (out.length > 0) {
                        byte[] shorter = new byte[out.length - 1];
                        System.arraycopy(out, 0, shorter, 0, at);
                        System.arraycopy(out, at + 1, shorter, at, out.length - at - 1);
                        out = shorter;
                    }
                }
            }
        }
        return out;
    }
}
