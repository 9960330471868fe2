package io.keyval.kv.keys;

import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import java.math.BigInteger;
import java.util.List;

/**
 * The key limits of docs/http-api.md §2.1, enforced with the messages of §2.3. {@link io.keyval.kv.Kv} calls
 * {@link #validate(Key, boolean)} for keys from Java code; {@link KeyJson} and {@link KeyPaths}
 * run the same checks, the latter with the URL-form messages ({@code Key path ...}).
 *
 * <p>Besides the spec's limits, a string part must be well-formed UTF-16 (no unpaired surrogate):
 * such a string has no UTF-8 form, so it could neither be stored faithfully nor be written back as
 * JSON.
 */
public final class KeyLimits {

    /** Maximum number of parts in a key. */
    public static final int MAX_PARTS = 20;
    /** Maximum length of a string part in UTF-16 code units ({@link String#length()}), and of a bytes part in bytes. */
    public static final int MAX_PART_LENGTH = 1024;
    /** Maximum magnitude of a bigint part, in bytes. */
    public static final int MAX_BIGINT_BYTES = 255;
    /** Maximum number of keys in one batch. */
    public static final int MAX_BATCH_KEYS = 1000;

    /** Where a key came from, which decides the wording of the depth messages. */
    enum Form {
        /** JSON bodies and the Java API. */
        KEY("Key cannot be empty", "Key too deep (max " + MAX_PARTS + " parts)"),
        /** URL paths and query strings. */
        PATH("Key path cannot be empty", "Key path too deep (max " + MAX_PARTS + " parts)");

        private final String emptyMessage;
        private final String tooDeepMessage;

        Form(String emptyMessage, String tooDeepMessage) {
            this.emptyMessage = emptyMessage;
            this.tooDeepMessage = tooDeepMessage;
        }
    }

    private KeyLimits() {
    }

    /**
     * @param key a key from Java code or a JSON body
     * @param allowEmpty whether the empty key is acceptable (prefixes and range bounds)
     * @return {@code key}
     * @throws KvValidationException if a limit is exceeded
     */
    public static Key validate(Key key, boolean allowEmpty) {
        return validate(key, allowEmpty, Form.KEY);
    }

    static Key validate(Key key, boolean allowEmpty, Form form) {
        checkDepth(key.size(), allowEmpty, form);
        for (int i = 0; i < key.size(); i++) {
            checkPart(key.part(i), i);
        }
        return key;
    }

    /** Checks the part count before the parts are parsed, so huge inputs fail fast. */
    static void checkDepth(int parts, boolean allowEmpty, Form form) {
        if (parts == 0 && !allowEmpty) {
            throw new KvValidationException(form.emptyMessage);
        }
        if (parts > MAX_PARTS) {
            throw new KvValidationException(form.tooDeepMessage);
        }
    }

    static void checkBatchSize(int keys) {
        if (keys == 0) {
            throw new KvValidationException("Keys array cannot be empty");
        }
        checkNotTooMany(keys);
    }

    private static void checkNotTooMany(int keys) {
        if (keys > MAX_BATCH_KEYS) {
            throw new KvValidationException("Too many keys (max " + MAX_BATCH_KEYS + ")");
        }
    }

    /**
     * Validates the keys of a batch operation (batch get, batch delete).
     *
     * @param keys at most {@value #MAX_BATCH_KEYS} non-empty keys; an empty list is allowed
     * @return the keys
     * @throws KvValidationException naming the first invalid key as {@code Invalid key at index <i>: ...}
     */
    public static List<Key> validateBatch(List<Key> keys) {
        checkNotTooMany(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            try {
                validate(keys.get(i), false);
            } catch (KvValidationException e) {
                throw atIndex(i, e);
            }
        }
        return keys;
    }

    /** @return {@code e} with its message prefixed {@code Invalid key at index <i>: } */
    static KvValidationException atIndex(int index, KvValidationException e) {
        return new KvValidationException("Invalid key at index " + index + ": " + e.getMessage());
    }

    private static void checkPart(Object part, int index) {
        if (part instanceof String s) {
            if (s.length() > MAX_PART_LENGTH) {
                throw invalidPart(index, "string too long (max " + MAX_PART_LENGTH + " characters)");
            }
            if (hasUnpairedSurrogate(s)) {
                throw invalidPart(index, "string contains an unpaired surrogate");
            }
        } else if (part instanceof byte[] b && b.length > MAX_PART_LENGTH) {
            throw invalidPart(index, "bytes too large (max " + MAX_PART_LENGTH + " bytes)");
        } else if (part instanceof BigInteger big && (big.abs().bitLength() + 7) / 8 > MAX_BIGINT_BYTES) {
            throw invalidPart(index, "bigint too large (max " + MAX_BIGINT_BYTES + " bytes)");
        }
    }

    private static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param index the part's position
     * @param problem what is wrong with it
     * @return the exception {@code Invalid key part at index <index>: <problem>}
     */
    static KvValidationException invalidPart(int index, String problem) {
        return new KvValidationException("Invalid key part at index " + index + ": " + problem);
    }
}
