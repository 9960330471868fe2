package io.keyval.host;

/** Runs code with a given thread context class loader, so that plugin code using it finds its own resources. */
final class ContextClassLoader {

    /** Code that may throw. */
    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private ContextClassLoader() {
    }

    static void run(ClassLoader loader, Action action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            action.run();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
