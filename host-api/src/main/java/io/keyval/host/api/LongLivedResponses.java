package io.keyval.host.api;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;

/**
 * For responses that stay open (Server-Sent Events): the host counts each request in progress
 * against {@code server.maxRequests} until its exchange completes, so a plugin that turns a request
 * into a long-lived stream tells the host, which then stops counting it. Streams are the plugin's to
 * limit and to end at shutdown.
 *
 * <pre>{@code
 * LongLivedResponses.started(exchange); // before the first event
 * }</pre>
 */
public final class LongLivedResponses {

    /** Where the host keeps what to run when a request becomes long-lived. */
    public static final AttachmentKey<Runnable> RELEASE = AttachmentKey.create(Runnable.class);

    private LongLivedResponses() {
    }

    /**
     * Marks the exchange's response as long-lived: it no longer counts as a request in progress.
     * Idempotent; does nothing outside a host that counts requests.
     *
     * @param exchange the exchange
     */
    public static void started(HttpServerExchange exchange) {
        Runnable release = exchange.removeAttachment(RELEASE);
        if (release != null) {
            release.run();
        }
    }
}
