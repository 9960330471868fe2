package io.keyval.host;

import io.keyval.host.api.LongLivedResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Admits requests while the server runs and fewer than {@code max} are in progress. Beyond the cap a
 * request is answered 503 at once, on the I/O thread: under overload the host sheds what it cannot
 * serve soon instead of queueing it, so the requests it does take keep their normal latency. Once
 * {@link #close() closed} (shutdown), every new request is answered 503 and its connection closed,
 * while those in progress finish ({@link #awaitIdle}). A response a plugin marks long-lived
 * ({@link LongLivedResponses}) stops counting: streams are the plugin's to limit and to end.
 */
final class RequestGate implements HttpHandler {

    private final HttpHandler next;
    private final int max;
    private final Object lock = new Object();
    private int inProgress;
    private volatile boolean closed;

    RequestGate(HttpHandler next, int max) {
        this.next = next;
        this.max = max;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!closed && exchange.getRequestPath().equals("/health")) {
            next.handleRequest(exchange); // probes see a busy host as up, and cost nothing
            return;
        }
        String refusal = admit();
        if (refusal != null) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
            if (closed) {
                exchange.setPersistent(false);
            }
            JsonText.send(exchange, 503, refusal);
            return;
        }
        // Counted until the exchange completes, or until a plugin turns it into a long-lived stream.
        AtomicBoolean counted = new AtomicBoolean(true);
        Runnable release = () -> {
            if (counted.getAndSet(false)) {
                finished();
            }
        };
        exchange.putAttachment(LongLivedResponses.RELEASE, release);
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            release.run();
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }

    /** @return {@code null} when admitted (and counted), else the refusal message */
    private String admit() {
        synchronized (lock) {
            if (closed) {
                return "Server is shutting down; retry on another instance or after the restart";
            }
            if (inProgress >= max) {
                return "Server busy: " + max + " requests in progress; retry shortly";
            }
            inProgress++;
            return null;
        }
    }

    private void finished() {
        synchronized (lock) {
            inProgress--;
            if (inProgress == 0) {
                lock.notifyAll();
            }
        }
    }

    /** Refuses every new request from now on. */
    void close() {
        synchronized (lock) {
            closed = true;
        }
    }

    /**
     * Waits until no request is in progress.
     *
     * @param timeoutMillis the longest wait
     * @return the requests still in progress when the wait ended (0: all finished)
     */
    int awaitIdle(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        synchronized (lock) {
            while (inProgress > 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return inProgress;
        }
    }
}
