package io.keyval.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keyval.kv.Key;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;

/**
 * The benchmark data of docs/benchmarks.md: key {@code ["bench", i]} and {@code value(i)}, in every form
 * a system under test needs. Everything is built up front so that no workload times the building of
 * its own inputs or expected values.
 */
public final class Dataset {

    /** The prefix every benchmark key shares. */
    public static final Key PREFIX = Key.of("bench");
    /** Parses and compares JSON for the verifications. */
    public static final ObjectMapper JSON = new ObjectMapper();

    /** JSON numbers are equal by value: the store reads them back as JavaScript numbers (doubles). */
    private static final Comparator<JsonNode> SAME_NUMBER = (a, b) ->
            a.isNumber() && b.isNumber() ? Double.compare(a.doubleValue(), b.doubleValue()) : (a.equals(b) ? 0 : 1);

    private final Key[] keys;
    private final byte[][] keyBytes;
    private final String[] values;
    private final byte[][] valueBytes;
    private final JsonNode[] trees;

    /** @param n the number of keys, {@code 0 .. n-1} */
    public Dataset(int n) {
        keys = new Key[n];
        keyBytes = new byte[n][];
        values = new String[n];
        valueBytes = new byte[n][];
        trees = new JsonNode[n];
        for (int i = 0; i < n; i++) {
            keys[i] = key(i);
            keyBytes[i] = keys[i].toBytes();
            values[i] = value(i);
            valueBytes[i] = values[i].getBytes(StandardCharsets.UTF_8);
            trees[i] = parse(values[i]);
        }
    }

    /** @return {@code ["bench", i]}, i a number part */
    public static Key key(int i) {
        return PREFIX.append(i);
    }

    /** @return {@code value(i)} of docs/benchmarks.md, compact JSON of about 100 bytes */
    public static String value(int i) {
        return String.format("{\"id\":%d,\"name\":\"user-%06d\",\"email\":\"user-%06d@example.com\","
                + "\"active\":true,\"tags\":[\"alpha\",\"beta\"]}", i, i, i);
    }

    /**
     * @param json JSON text
     * @return its tree
     * @throws VerificationException if it is not JSON
     */
    public static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new VerificationException("Invalid JSON: " + e.getOriginalMessage());
        }
    }

    /** @return the number of keys */
    public int size() {
        return keys.length;
    }

    /** @return key {@code i} */
    public Key keyAt(int i) {
        return keys[i];
    }

    /** @return the store encoding of key {@code i} (the raw baselines store these bytes) */
    public byte[] keyBytesAt(int i) {
        return keyBytes[i];
    }

    /** @return {@code value(i)} as text */
    public String valueAt(int i) {
        return values[i];
    }

    /** @return {@code value(i)} as UTF-8 bytes */
    public byte[] valueBytesAt(int i) {
        return valueBytes[i];
    }

    /** @return {@code value(i)} as a JSON tree */
    public JsonNode treeAt(int i) {
        return trees[i];
    }

    /**
     * @param i the key index
     * @param actual the value read back
     * @throws VerificationException unless it equals {@code value(i)}
     */
    public void verify(int i, JsonNode actual) {
        if (actual == null || !trees[i].equals(SAME_NUMBER, actual)) {
            throw new VerificationException("Key " + keys[i] + " read back " + actual + ", expected " + values[i]);
        }
    }

    /**
     * @param i the key index
     * @param actual the value text read back
     * @throws VerificationException unless it is exactly {@code value(i)}
     */
    public void verify(int i, String actual) {
        if (!values[i].equals(actual)) {
            throw new VerificationException("Key " + keys[i] + " read back " + actual + ", expected " + values[i]);
        }
    }
}
