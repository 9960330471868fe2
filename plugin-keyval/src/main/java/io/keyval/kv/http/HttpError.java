package io.keyval.kv.http;

/**
 * A request that ends with a specific non-500 status and an error message, e.g. 404 {@code Key not found}
 * or 413. Thrown by route handlers; {@link ErrorResponses} turns it into the response.
 */
public final class HttpError extends RuntimeException {

    private final int status;

    /**
     * @param status the HTTP status
     * @param message the {@code error} text of the response body
     */
    public HttpError(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    /**
     * @param message the {@code error} text
     * @return a 404 error
     */
    public static HttpError notFound(String message) {
        return new HttpError(404, message);
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }
}
