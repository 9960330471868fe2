package io.keyval.kv;

/**
 * The outcome of a write or atomic commit.
 *
 * @param ok {@code false} only when an atomic check failed (nothing was written)
 * @param versionstamp the commit's versionstamp when {@code ok}, else {@code null}
 */
public record CommitResult(boolean ok, String versionstamp) {
}
