package io.keyval.host.api;

import io.undertow.util.AttachmentKey;

/** Marks a plugin handler may put on an exchange to tell the host how to treat the request. */
public final class RequestAttachments {

    /**
     * Set by a handler that reads its request body as it arrives, for as long as the work takes (an
     * import): the host then does not end the request when the body has not fully arrived within
     * {@code server.requestTimeout}.
     */
    public static final AttachmentKey<Boolean> STREAMED_BODY = AttachmentKey.create(Boolean.class);

    private RequestAttachments() {
    }
}
