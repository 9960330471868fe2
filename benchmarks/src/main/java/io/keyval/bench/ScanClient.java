package io.keyval.bench;

/** Full scans of the {@link Dataset#PREFIX} range in pages (W3). */
public interface ScanClient extends AutoCloseable {

    /**
     * Scans every key below the prefix, page by page, decoding every value.
     *
     * @param pageSize entries per page
     * @return the number of entries seen
     * @throws VerificationException if an entry is not the value of its key
     * @throws Exception on failure
     */
    long scanAll(int pageSize) throws Exception;
}
