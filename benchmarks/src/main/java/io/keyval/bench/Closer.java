package io.keyval.bench;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes benchmark resources without letting a failing close hide the benchmark's own outcome. */
final class Closer {

    private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

    private Closer() {
    }

    /** @param resources closed in order; failures are logged */
    static void closeAll(Iterable<? extends AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            close(r);
        }
    }

    /** @param resource closed; a failure is logged; {@code null} is ignored */
    static void close(AutoCloseable resource) {
        if (resource == null) {
            return;
        }
        try {
            resource.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", resource, e.toString());
        }
    }
}
