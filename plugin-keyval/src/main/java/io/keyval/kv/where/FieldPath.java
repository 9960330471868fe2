package io.keyval.kv.where;

import java.util.ArrayList;
import java.util.List;

/**
 * A validated field path (docs/http-api.md §5.2): member names and array indexes below the entry value. Member
 * names never contain {@code . [ ]}, quotes or control characters, which is what lets the dialects
 * embed them in a (bound) SQLite JSON path without ambiguity.
 *
 * @param text the path as written in the filter (for messages)
 * @param segments the steps from the value root; empty for the root itself ({@code $})
 */
public record FieldPath(String text, List<Segment> segments) {

    /** One step of a path. */
    public sealed interface Segment permits Member, Index {
    }

    /** @param name an object member name */
    public record Member(String name) implements Segment {
    }

    /** @param position a zero-based array index */
    public record Index(int position) implements Segment {
    }

    private static final int MAX_LENGTH = 1024;
    /** Deeper paths are not real documents; the cap keeps a compiled filter's parameters bounded. */
    static final int MAX_SEGMENTS = 32;
    private static final int MAX_INDEX_DIGITS = 9;

    public FieldPath {
        segments = List.copyOf(segments);
    }

    /**
     * @param name a member name (trusted: used for the fixed bigint-tag members)
     * @return this path extended by one member
     */
    FieldPath member(String name) {
        List<Segment> longer = new ArrayList<>(segments);
        longer.add(new Member(name));
        return new FieldPath(text + "." + name, longer);
    }

    /**
     * Parses {@code items[0].price} style paths and {@code $}-rooted raw paths.
     *
     * @param text the path from the filter
     * @return the path
     * @throws InvalidFilterException if the path does not follow the grammar
     */
    static FieldPath parse(String text) {
        if (text.isEmpty()) {
            throw new InvalidFilterException("field path must not be empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new InvalidFilterException("field path longer than " + MAX_LENGTH + " characters");
        }
        return new Parser(text).parse();
    }

    /** A single-pass scanner over the path text. */
    private static final class Parser {
        private final String text;
        private final List<Segment> segments = new ArrayList<>();
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        FieldPath parse() {
            if (text.charAt(0) == '$') {
                pos = 1; // raw path: "$" alone is the root, then ".name" / "[n]" steps
            } else {
                readMember();
            }
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '.') {
                    pos++;
                    readMember();
                } else if (c == '[') {
                    readIndex();
                } else {
                    throw invalid("unexpected '" + c + "' at position " + pos);
                }
            }
            if (segments.size() > MAX_SEGMENTS) {
                throw invalid("more than " + MAX_SEGMENTS + " segments");
            }
            return new FieldPath(text, segments);
        }

        private void readMember() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != '.' && text.charAt(pos) != '[') {
                char c = text.charAt(pos);
                if (c == ']' || c == '"' || c == '\'' || Character.isISOControl(c)) {
                    throw invalid("character " + describe(c) + " not allowed in a member name");
                }
                pos++;
            }
            if (pos == start) {
                throw invalid("empty member name at position " + start);
            }
            segments.add(new Member(text.substring(start, pos)));
        }

        private void readIndex() {
            int start = ++pos;
            while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
                pos++;
            }
            String digits = text.substring(start, pos);
            if (digits.isEmpty() || pos >= text.length() || text.charAt(pos) != ']') {
                throw invalid("array index must be [digits] at position " + (start - 1));
            }
            if (digits.length() > MAX_INDEX_DIGITS || (digits.length() > 1 && digits.charAt(0) == '0')) {
                throw invalid("array index [" + digits + "] out of range");
            }
            pos++;
            segments.add(new Index(Integer.parseInt(digits)));
        }

        private InvalidFilterException invalid(String reason) {
            return new InvalidFilterException("invalid field path " + InvalidFilterException.quote(text) + ": " + reason);
        }

        private static String describe(char c) {
            return Character.isISOControl(c) ? String.format("U+%04X", (int) c) : "'" + c + "'";
        }
    }
}
