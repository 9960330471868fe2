package io.keyval.kv.keys;

import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Keys in URL paths and query strings (docs/http-api.md §2.4), with the §2.1 limits enforced
 * ({@link io.keyval.kv.KvValidationException} with the URL-form messages, e.g.
 * {@code Key path cannot be empty}).
 *
 * <p>A part is split off at {@code /} first and percent-decoded afterwards, so {@code %2F} yields a
 * {@code /} inside a part. Decoding is lenient: a {@code %} not followed by two hex digits, and a run
 * of escapes that is not valid UTF-8, are kept literally. A decoded part matching {@code -?\d+} whose
 * value lies within ±(2<sup>53</sup>−1) becomes a number ({@code 007} → 7, {@code -0} → 0), any other
 * part a string: booleans, bigints and bytes cannot be written in URL form.
 */
public final class KeyPaths {

    /** Digits of 2^53 − 1; longer digit strings (after leading zeros) are never safe integers. */
    private static final int MAX_SAFE_DIGITS = 16;
    /** {@code Number.MAX_SAFE_INTEGER}: 2<sup>53</sup> − 1. */
    private static final double MAX_SAFE_INTEGER = 9007199254740991d;

    private KeyPaths() {
    }

    /**
     * @param rawPath the still percent-encoded request path after the route prefix
     *     {@code .../api/keys/} (e.g. {@code users/42/a%2Fb})
     * @return the key (non-empty)
     */
    public static Key fromRawPath(String rawPath) {
        return parse(rawPath == null ? "" : rawPath, false);
    }

    /**
     * Parses a query-form key path. The value was already query-decoded once; each part is
     * percent-decoded once more, undoing the TS client's double encoding.
     *
     * @param value a query parameter value after normal query decoding, or {@code null}
     * @return the key; empty for {@code null}, an empty string or only slashes (i.e. "no prefix")
     */
    public static Key fromQuery(String value) {
        return parse(value == null ? "" : value, true);
    }

    /**
     * @param values the values of every {@code keys} parameter (comma-separated lists, concatenated)
     * @return the keys, each non-empty, 1..1000 of them
     */
    public static List<Key> keysFromQuery(List<String> values) {
        List<String> paths = new ArrayList<>();
        for (String value : values) {
            for (String path : value.split(",")) {
                String trimmed = path.strip();
                if (!trimmed.isEmpty()) {
                    paths.add(trimmed);
                }
            }
        }
        KeyLimits.checkBatchSize(paths.size());
        List<Key> keys = new ArrayList<>(paths.size());
        for (int i = 0; i < paths.size(); i++) {
            try {
                keys.add(parse(paths.get(i), false));
            } catch (KvValidationException e) {
                throw new KvValidationException("Invalid key at index " + i + ": " + e.getMessage());
            }
        }
        return keys;
    }

    private static Key parse(String path, boolean allowEmpty) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (!segment.isEmpty()) {
                segments.add(segment);
            }
        }
        KeyLimits.checkDepth(segments.size(), allowEmpty, KeyLimits.Form.PATH);
        List<Object> parts = new ArrayList<>(segments.size());
        for (String segment : segments) {
            parts.add(typed(percentDecode(segment)));
        }
        return KeyLimits.validate(Key.of(parts), allowEmpty, KeyLimits.Form.PATH);
    }

    /** A part of digits (optionally negative) within JavaScript's safe integers is a number; all else text. */
    private static Object typed(String part) {
        int start = part.startsWith("-") ? 1 : 0;
        if (part.length() == start) {
            return part;
        }
        int significant = -1; // the first digit after leading zeros
        for (int i = start; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c < '0' || c > '9') {
                return part;
            }
            if (significant < 0 && c != '0') {
                significant = i;
            }
        }
        int digits = significant < 0 ? 0 : part.length() - significant;
        if (digits > MAX_SAFE_DIGITS) {
            return part;
        }
        long value = digits == 0 ? 0 : Long.parseLong(part, significant, part.length(), 10);
        if (value > MAX_SAFE_INTEGER) {
            return part;
        }
        return (double) (start == 1 ? -value : value);
    }

    /** Decodes {@code %XX} escapes as UTF-8, keeping malformed escapes and invalid UTF-8 literally. */
    static String percentDecode(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int runEnd = i;
            while (isEscapeAt(text, runEnd)) {
                runEnd += 3;
            }
            if (runEnd == i) {
                out.append(text.charAt(i++));
            } else {
                out.append(decodeEscapeRun(text.substring(i, runEnd)));
                i = runEnd;
            }
        }
        return out.toString();
    }

    private static boolean isEscapeAt(String text, int i) {
        return i + 2 < text.length() && text.charAt(i) == '%'
                && Character.digit(text.charAt(i + 1), 16) >= 0 && Character.digit(text.charAt(i + 2), 16) >= 0;
    }

    private static String decodeEscapeRun(String run) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(run.length() / 3);
        for (int i = 0; i < run.length(); i += 3) {
            bytes.write(Integer.parseInt(run, i + 1, i + 3, 16));
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return run;
        }
    }

    /**
     * The inverse used by prefix-watch state strings: parts joined by {@code /}, with {@code %},
     * {@code /}, {@code ,} and {@code :} percent-encoded inside each part. Best effort for parts
     * that have no URL form: numbers are written like JavaScript, bigints as decimal digits,
     * booleans as {@code true}/{@code false}, bytes as base64url and a placeholder as its JSON tag
     * (as the TS client does); parsing such a path yields numbers or strings, and empty string
     * parts vanish.
     *
     * @param key the key
     * @return its path form
     */
    public static String toPath(Key key) {
        StringBuilder path = new StringBuilder();
        for (Object part : key.parts()) {
            if (path.length() > 0) {
                path.append('/');
            }
            appendEscaped(path, text(part));
        }
        return path.toString();
    }

    private static String text(Object part) {
        if (part instanceof Double d) {
            String json = Key.of(d).toString(); // a key's JSON text formats numbers like JavaScript
            return json.substring(1, json.length() - 1);
        }
        if (part instanceof byte[] bytes) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        return part.toString(); // String, BigInteger, Boolean, placeholder
    }

    private static void appendEscaped(StringBuilder out, String part) {
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case '/' -> out.append("%2F");
                case ',' -> out.append("%2C");
                case ':' -> out.append("%3A");
                default -> out.append(c);
            }
        }
    }
}
