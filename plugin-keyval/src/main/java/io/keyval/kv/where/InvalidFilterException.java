package io.keyval.kv.where;

import io.keyval.kv.KvValidationException;

/** A where filter that breaks the rules of docs/http-api.md §5; the message is {@code Invalid where filter: <detail>}. */
public final class InvalidFilterException extends KvValidationException {

    private static final int MAX_QUOTED = 80;

    /** @param detail what is wrong, naming the offending path or operator */
    public InvalidFilterException(String detail) {
        super("Invalid where filter: " + detail);
    }

    /** Quotes caller text for a message, shortened so hostile input cannot bloat the error body. */
    static String quote(String text) {
        return "'" + (text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text) + "'";
    }
}
