package io.keyval.kv;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.math.BigDecimal;

/**
 * Formats doubles exactly like JavaScript's {@code Number.prototype.toString()}: the shortest
 * digits that round-trip, integral values without {@code .0}, plain notation for decimal
 * exponents in [-6, 21), otherwise {@code 1.5e+21} / {@code 1e-7} style.
 */
final class JsNumbers {

    /** {@code Number.MAX_SAFE_INTEGER}: 2<sup>53</sup> − 1. */
    static final double MAX_SAFE_INTEGER = 9007199254740991d;

    private JsNumbers() {
    }

    /**
     * @param d a finite double
     * @return its JavaScript text
     */
    static String format(double d) {
        if (d == Math.rint(d) && Math.abs(d) <= MAX_SAFE_INTEGER) {
            return Long.toString((long) d); // also turns -0 into "0", as JS does
        }
        Decimal decimal = Decimal.shortest(Math.abs(d));
        return (d < 0 ? "-" : "") + decimal.toJsString();
    }

    /** {@code digits × 10^(point − digits.length())}: significant digits without trailing zeros. */
    private record Decimal(String digits, int point) {

        static Decimal shortest(double positive) {
            // Jackson's Schubfach writer gives the shortest round-tripping digits (JDK 19+ semantics)
            Decimal candidate = parse(NumberOutput.toString(positive, true));
            return candidate.digits.length() == 2 ? candidate.oneDigitAlternative(positive) : candidate;
        }

        /** Parses Java's {@code 123.45} / {@code 1.2345E-7} output. */
        private static Decimal parse(String javaText) {
            int e = javaText.indexOf('E');
            String mantissa = e < 0 ? javaText : javaText.substring(0, e);
            int exponent = e < 0 ? 0 : Integer.parseInt(javaText.substring(e + 1));
            int dot = mantissa.indexOf('.');
            String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
            int point = dot + exponent;
            int start = 0;
            while (all.charAt(start) == '0') {
                start++;
                point--;
            }
            int end = all.length();
            while (all.charAt(end - 1) == '0') {
                end--;
            }
            return new Decimal(all.substring(start, end), point);
        }

        /**
         * Java never prints a 1-digit significand when a 2-digit one is closer (e.g. {@code 4.9E-324});
         * JavaScript prefers the shortest, so try the two 1-digit neighbours.
         */
        private Decimal oneDigitAlternative(double value) {
            int lower = digits.charAt(0) - '0';
            Decimal best = null;
            BigDecimal exact = new BigDecimal(value);
            for (int first = lower; first <= lower + 1; first++) {
                Decimal option = first == 10 ? new Decimal("1", point + 1) : new Decimal(String.valueOf(first), point);
                BigDecimal optionValue = option.toBigDecimal();
                if (optionValue.doubleValue() == value && (best == null
                        || optionValue.subtract(exact).abs().compareTo(best.toBigDecimal().subtract(exact).abs()) < 0)) {
                    best = option;
                }
            }
            return best == null ? this : best;
        }

        private BigDecimal toBigDecimal() {
            return new BigDecimal(digits).scaleByPowerOfTen(point - digits.length());
        }

        String toJsString() {
            int k = digits.length();
            if (k <= point && point <= 21) {
                return digits + "0".repeat(point - k);
            }
            if (0 < point && point <= 21) {
                return digits.substring(0, point) + "." + digits.substring(point);
            }
            if (-6 < point && point <= 0) {
                return "0." + "0".repeat(-point) + digits;
            }
            int exponent = point - 1;
            String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
        }
    }
}
