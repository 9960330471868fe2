package io.keyval.host;

/** Starts the host. */
public final class Main {
    public static void main(String[] args) {
        throw new UnsupportedOperationException("TODO");
    }
}
