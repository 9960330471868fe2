package io.keyval.kv;

/**
 * An import stopped at a record it could not read or apply (HTTP 400). Everything before that record
 * is applied, exactly as {@link #applied()} says (nothing, for an atomic import); nothing after it.
 */
public class KvImportException extends KvValidationException {

    private final transient ImportResult applied;

    /**
     * @param message what is wrong, with the line number
     * @param applied what was applied before it
     */
    public KvImportException(String message, ImportResult applied) {
        super(message);
        this.applied = applied;
    }

    /** @return what was applied before the failing record */
    public ImportResult applied() {
        return applied;
    }
}
