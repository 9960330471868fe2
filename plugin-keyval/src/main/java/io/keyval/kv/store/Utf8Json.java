package io.keyval.kv.store;

import io.keyval.kv.KvValidationException;

/**
 * Validates one JSON value given as UTF-8 bytes and removes its insignificant white space, in one
 * pass over the bytes and without decoding them: the path of every stored value, which must run at
 * the speed of the bytes (a 1 MiB value in about a millisecond; a general JSON parser that builds
 * tokens takes several).
 *
 * <p>Accepts exactly RFC 8259 JSON (no comments, no BOM, nesting up to {@value #MAX_DEPTH} levels)
 * that is also storable as acknowledged: strictly valid UTF-8 (no overlong forms, no encoded
 * surrogates), no unpaired surrogate escape ({@code "\ud83d"}), and numbers within a double's range
 * ({@link ValueLimits}). Every token is kept byte for byte: numbers and string escapes as written.
 */
final class Utf8Json {

    /** The deepest nesting accepted (the general parser's default limit). */
    static final int MAX_DEPTH = 1000;

    private static final byte OBJECT = 1;
    private static final byte ARRAY = 2;

    private final byte[] in;
    private int i;
    private byte[] stack = new byte[16];
    private int depth;
    private boolean sawSpace;

    private Utf8Json(byte[] in) {
        this.in = in;
    }

    /**
     * @param json one JSON value, UTF-8
     * @return the compact form: {@code json} itself when it has no insignificant white space
     * @throws KvValidationException {@code Invalid JSON body} when it is not exactly one JSON value, or
     *     naming what cannot be stored (an unpaired surrogate, a number beyond a double)
     */
    static byte[] compact(byte[] json) {
        Utf8Json scan = new Utf8Json(json);
        scan.value();
        return scan.sawSpace ? withoutSpace(json) : json;
    }

    /** Scans the whole input as one value; iterative, so that nesting costs no stack. */
    private void value() {
        space();
        boolean expectValue = true;
        while (true) {
            if (expectValue) {
                byte c = at();
                if (c == '{') {
                    i++;
                    push(OBJECT);
                    space();
                    if (at() == '}') {
                        i++;
                        depth--;
                        expectValue = false;
                    } else {
                        member();
                    }
                } else if (c == '[') {
                    i++;
                    push(ARRAY);
                    space();
                    if (at() == ']') {
                        i++;
                        depth--;
                        expectValue = false;
                    }
                } else {
                    scalar(c);
                    expectValue = false;
                }
                if (expectValue) {
                    continue;
                }
            }
            space();
            if (depth == 0) {
                if (i != in.length) {
                    throw invalid();
                }
                return;
            }
            byte c = at();
            byte open = stack[depth - 1];
            if (c == ',') {
                i++;
                space();
                if (open == OBJECT) {
                    member();
                }
                expectValue = true;
            } else if ((c == '}' && open == OBJECT) || (c == ']' && open == ARRAY)) {
                i++;
                depth--;
            } else {
                throw invalid();
            }
        }
    }

    /** A member name and its colon; the value follows. */
    private void member() {
        if (at() != '"') {
            throw invalid();
        }
        string();
        space();
        if (at() != ':') {
            throw invalid();
        }
        i++;
        space();
    }

    private void scalar(byte c) {
        if (c == '"') {
            string();
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            number();
        } else if (c == 't') {
            literal("true");
        } else if (c == 'f') {
            literal("false");
        } else if (c == 'n') {
            literal("null");
        } else {
            throw invalid();
        }
    }

    private void push(byte kind) {
        if (depth == MAX_DEPTH) {
            throw invalid();
        }
        if (depth == stack.length) {
            stack = java.util.Arrays.copyOf(stack, depth * 2);
        }
        stack[depth++] = kind;
    }

    private void space() {
        while (i < in.length) {
            byte c = in[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            sawSpace = true;
            i++;
        }
    }

    private byte at() {
        if (i >= in.length) {
            throw invalid();
        }
        return in[i];
    }

    private void literal(String word) {
        for (int k = 0; k < word.length(); k++) {
            if (i >= in.length || in[i] != word.charAt(k)) {
                throw invalid();
            }
            i++;
        }
    }

    /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, then its range. */
    private void number() {
        int start = i;
        if (in[i] == '-') {
            i++;
        }
        if (at() == '0') {
            i++;
        } else {
            digits();
        }
        if (i < in.length && in[i] == '.') {
            i++;
            digits();
        }
        if (i < in.length && (in[i] == 'e' || in[i] == 'E')) {
            i++;
            if (at() == '+' || in[i] == '-') {
                i++;
            }
            digits();
        }
        ValueLimits.checkNumber(in, start, i);
    }

    private void digits() {
        int start = i;
        while (i < in.length && in[i] >= '0' && in[i] <= '9') {
            i++;
        }
        if (i == start) {
            throw invalid();
        }
    }

    /** A string: no raw control characters, valid escapes, surrogates only in pairs, strict UTF-8. */
    private void string() {
        i++; // the opening quote
        while (true) {
            if (i >= in.length) {
                throw invalid();
            }
            int c = in[i] & 0xFF;
            if (c == '"') {
                i++;
                return;
            }
            if (c == '\\') {
                escape();
            } else if (c < 0x20) {
                throw invalid();
            } else if (c < 0x80) {
                i++;
            } else {
                utf8(c);
            }
        }
    }

    private void escape() {
        i++; // the backslash
        byte e = at();
        switch (e) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> i++;
            case 'u' -> {
                int unit = hex4();
                if (unit >= 0xD800 && unit <= 0xDBFF) {
                    // a high surrogate: must be followed by an escaped low one
                    if (i + 1 < in.length && in[i] == '\\' && in[i + 1] == 'u') {
                        i++;
                        int low = hex4();
                        if (low >= 0xDC00 && low <= 0xDFFF) {
                            return;
                        }
                    }
                    throw ValueLimits.unpairedSurrogate(unit);
                }
                if (unit >= 0xDC00 && unit <= 0xDFFF) {
                    throw ValueLimits.unpairedSurrogate(unit);
                }
            }
            default -> throw invalid();
        }
    }

    /** @return the value of {@code uXXXX} at {@code i}, which is left after it */
    private int hex4() {
        i++; // the u
        if (i + 4 > in.length) {
            throw invalid();
        }
        int value = 0;
        for (int k = 0; k < 4; k++) {
            int d = Character.digit(in[i++], 16);
            if (d < 0) {
                throw invalid();
            }
            value = value << 4 | d;
        }
        return value;
    }

    /** One multi-byte UTF-8 sequence starting with {@code lead}, strictly (RFC 3629). */
    private void utf8(int lead) {
        int length;
        int min = 0x80;
        int max = 0xBF; // the range of the second byte
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                min = 0xA0; // no overlong form
            } else if (lead == 0xED) {
                max = 0x9F; // no encoded surrogate
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                min = 0x90;
            } else if (lead == 0xF4) {
                max = 0x8F; // nothing above U+10FFFF
            }
        } else {
            throw notUtf8();
        }
        if (i + length > in.length) {
            throw notUtf8();
        }
        int second = in[i + 1] & 0xFF;
        if (second < min || second > max) {
            throw notUtf8();
        }
        for (int k = 2; k < length; k++) {
            int next = in[i + k] & 0xFF;
            if (next < 0x80 || next > 0xBF) {
                throw notUtf8();
            }
        }
        i += length;
    }

    /** Copies the value without the white space outside strings (the value is known valid). */
    private static byte[] withoutSpace(byte[] in) {
        byte[] out = new byte[in.length];
        int o = 0;
        boolean inString = false;
        for (int k = 0; k < in.length; k++) {
            byte c = in[k];
            if (inString) {
                out[o++] = c;
                if (c == '\\') {
                    out[o++] = in[++k]; // the escaped character, whatever it is
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                out[o++] = c;
                inString = c == '"';
            }
        }
        return java.util.Arrays.copyOf(out, o);
    }

    private static KvValidationException invalid() {
        return new KvValidationException("Invalid JSON body");
    }

    private static KvValidationException notUtf8() {
        return new KvValidationException("Request body must be UTF-8 encoded JSON");
    }
}
