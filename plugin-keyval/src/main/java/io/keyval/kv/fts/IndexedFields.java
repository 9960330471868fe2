package io.keyval.kv.fts;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.store.JsonValues;
import java.util.ArrayList;
import java.util.List;

/**
 * The fields an index takes from each value: dot paths through objects, where a numeric segment also
 * addresses an array element ({@code tags.0}). A string is indexed as it is, a number or boolean as
 * its JSON text, an object or array as its compact JSON; a missing field, {@code null} and any field
 * of a value that is not an object or array are empty.
 *
 * <p>A document's text is capped at {@value #MAX_DOCUMENT_CHARS} characters, its fields taken in
 * order: whatever lies beyond is not indexed, so that no value is too large for an index (a
 * PostgreSQL {@code tsvector} keeps word positions up to 16,383 and must stay under 1 MB).
 *
 * @param paths the field paths, as given
 */
public record IndexedFields(List<String> paths) {

    /** The most fields an index may have. */
    public static final int MAX_FIELDS = 32;
    /** The most characters of a document that are indexed. */
    public static final int MAX_DOCUMENT_CHARS = 32_000;
    private static final int MAX_PATH_LENGTH = 1024;
    private static final int MAX_SEGMENTS = 32;

    /**
     * @param paths the field paths
     * @return the validated fields
     * @throws KvValidationException for no fields, too many, or an invalid path
     */
    public static IndexedFields of(List<String> paths) {
        if (paths == null || paths.isEmpty()) {
            throw new KvValidationException("At least one field must be specified");
        }
        if (paths.size() > MAX_FIELDS) {
            throw new KvValidationException("An index has at most " + MAX_FIELDS + " fields, received " + paths.size());
        }
        for (String path : paths) {
            validate(path);
        }
        return new IndexedFields(List.copyOf(paths));
    }

    private static void validate(String path) {
        if (path == null || path.isEmpty()) {
            throw new KvValidationException("Invalid field path \"\": a field path must not be empty");
        }
        if (path.length() > MAX_PATH_LENGTH) {
            throw new KvValidationException("Invalid field path: longer than " + MAX_PATH_LENGTH + " characters");
        }
        String[] segments = path.split("\\.", -1);
        if (segments.length > MAX_SEGMENTS) {
            throw new KvValidationException("Invalid field path '" + path + "': more than " + MAX_SEGMENTS + " segments");
        }
        for (String segment : segments) {
            if (segment.isEmpty()) {
                throw new KvValidationException("Invalid field path '" + path + "': empty segment (write a.b, not a..b or .a)");
            }
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                throw new KvValidationException("Invalid field path: control character at position " + i);
            }
        }
    }

    /**
     * @param value an entry's value
     * @return the text of each field, in order, capped together at {@value #MAX_DOCUMENT_CHARS} characters
     */
    public List<String> texts(JsonNode value) {
        List<String> texts = new ArrayList<>(paths.size());
        int budget = MAX_DOCUMENT_CHARS;
        for (String path : paths) {
            String text = budget == 0 ? "" : text(resolve(value, path));
            if (text.length() > budget) {
                int end = Character.isHighSurrogate(text.charAt(budget - 1)) ? budget - 1 : budget;
                text = text.substring(0, end);
            }
            budget -= text.length();
            texts.add(text);
        }
        return texts;
    }

    private static JsonNode resolve(JsonNode value, String path) {
        JsonNode node = value;
        int start = 0;
        while (node != null && start <= path.length()) {
            int dot = path.indexOf('.', start);
            String segment = path.substring(start, dot < 0 ? path.length() : dot);
            if (node.isObject()) {
                node = node.get(segment);
            } else if (node.isArray() && isIndex(segment)) {
                node = node.get(Integer.parseInt(segment));
            } else {
                return null;
            }
            start = dot < 0 ? path.length() + 1 : dot + 1;
        }
        return node;
    }

    private static boolean isIndex(String segment) {
        if (segment.length() > 9) {
            return false;
        }
        for (int i = 0; i < segment.length(); i++) {
            if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        return node.isTextual() ? node.textValue() : JsonValues.write(node);
    }
}
