package io.keyval.kv.store;

import io.keyval.kv.KvValidationException;

/**
 * What a stored JSON value must satisfy beyond the JSON grammar, so that every engine stores exactly
 * what was acknowledged and reads it the same way: strings are well-formed Unicode (an unpaired
 * surrogate would be stored as {@code ?}) and numbers lie within the range of a 64-bit double (the
 * numbers JSON clients exchange; SQLite would read {@code 1e400} as infinity while PostgreSQL fails
 * on it). Checked on the value's bytes, without copying.
 */
final class ValueLimits {

    /** Decimal exponents this far from zero are certainly inside a double's range. */
    private static final int SAFE_EXPONENT = 300;

    private ValueLimits() {
    }

    /**
     * @param unit the code unit of an unpaired surrogate escape
     * @return the error that names it
     */
    static KvValidationException unpairedSurrogate(int unit) {
        return new KvValidationException(String.format(
                "Invalid value: a string contains an unpaired surrogate (U+%04X); text must be valid Unicode", unit));
    }

    /**
     * @param json the bytes holding a JSON number (already valid JSON number syntax)
     * @param from where it starts
     * @param to where it ends (exclusive)
     * @throws KvValidationException if the number rounds to an infinite double, or to zero without
     *     being zero
     */
    static void checkNumber(byte[] json, int from, int to) {
        if (!certainlyInRange(json, from, to)) {
            String text = new String(json, from, to - from, java.nio.charset.StandardCharsets.US_ASCII);
            if (!isFiniteDouble(text)) {
                throw new KvValidationException("Invalid value: number " + abbreviate(text)
                        + " is out of range (numbers must fit a 64-bit double: magnitude 4.9e-324 to 1.8e308, or 0)");
            }
        }
    }

    /**
     * @param text a JSON number
     * @return whether it is zero or rounds to a non-zero finite double
     */
    static boolean isFiniteDouble(String text) {
        double d = Double.parseDouble(text);
        return Double.isFinite(d) && (d != 0 || isZero(text));
    }

    /**
     * Finds the decimal exponent of the leading significant digit: a number whose exponent is far
     * from the edges of a double's range needs no parsing.
     */
    private static boolean certainlyInRange(byte[] c, int from, int to) {
        int i = from;
        if (c[i] == '-') {
            i++;
        }
        int integerStart = i;
        while (i < to && isDigit(c[i])) {
            i++;
        }
        int leading = Integer.MIN_VALUE; // decimal exponent of the first non-zero digit, before 'e'
        for (int k = integerStart; k < i && leading == Integer.MIN_VALUE; k++) {
            if (c[k] != '0') {
                leading = i - 1 - k;
            }
        }
        if (i < to && c[i] == '.') {
            int fractionStart = ++i;
            while (i < to && isDigit(c[i])) {
                i++;
            }
            for (int k = fractionStart; k < i && leading == Integer.MIN_VALUE; k++) {
                if (c[k] != '0') {
                    leading = -(k - fractionStart + 1);
                }
            }
        }
        if (leading == Integer.MIN_VALUE) {
            return true; // zero, whatever its exponent
        }
        long exponent = leading;
        if (i < to) { // 'e' or 'E', an optional sign, digits
            int j = i + 1;
            boolean negative = c[j] == '-';
            if (c[j] == '-' || c[j] == '+') {
                j++;
            }
            long e = 0;
            for (; j < to && e < SAFE_EXPONENT * 10L; j++) {
                e = e * 10 + (c[j] - '0');
            }
            exponent += negative ? -e : e;
        }
        return Math.abs(exponent) < SAFE_EXPONENT;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isZero(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == 'e' || ch == 'E') {
                return true;
            }
            if (ch >= '1' && ch <= '9') {
                return false;
            }
        }
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }
}
