package io.keyval.kv.atomic;

import io.keyval.kv.CommitResult;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.TransactionFunction;
import io.keyval.kv.TransactionOptions;
import io.keyval.kv.TransactionResult;
import io.keyval.kv.store.KvStore;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kv.transaction(fn, options)}: runs the body against a fresh
 * {@link BufferedTransaction}, commits its reads as checks plus its buffered writes, and on a
 * conflict waits ({@link Backoff}) and runs the body again, up to {@code maxRetries} times.
 *
 * <pre>{@code
 * TransactionResult<Long> r = runner.run(tx -> {
 *     long n = Optional.ofNullable(tx.get(counter, Long.class).value()).orElse(0L);
 *     tx.set(counter, n + 1);
 *     return n + 1;
 * }, TransactionOptions.defaults().maxRetries(5));
 * // r.ok() and r.value(), or r.error() "conflict" / "error" (with r.message())
 * }</pre>
 */
public final class TransactionRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionRunner.class);

    private final KvStore store;
    private final AtomicCommitter committer;
    private final Backoff.Sleeper sleeper;
    private final RandomGenerator random;

    /**
     * A runner whose waits really sleep.
     *
     * @param store the store the bodies read from (reads inside a transaction are part of it, not
     *     operations of their own)
     * @param committer what commits each attempt
     */
    public TransactionRunner(KvStore store, AtomicCommitter committer) {
        this(store, committer, Backoff.Sleeper.REAL, RandomGenerator.getDefault());
    }

    TransactionRunner(KvStore store, AtomicCommitter committer, Backoff.Sleeper sleeper, RandomGenerator random) {
        this.store = store;
        this.committer = committer;
        this.sleeper = sleeper;
        this.random = random;
    }

    /**
     * @param fn the body; it may be run several times
     * @param options retries and base delay
     * @param <T> the body's result type
     * @return {@code {ok, value, versionstamp}}, or {@code error="conflict"} after the last retry, or
     *     {@code error="error"} with the message when the body or the commit threw (no retry)
     * @throws KvValidationException for negative retries or delay
     */
    public <T> TransactionResult<T> run(TransactionFunction<T> fn, TransactionOptions options) {
        if (options.maxRetries() < 0 || options.retryDelay() == null || options.retryDelay().isNegative()) {
            throw new KvValidationException("maxRetries and retryDelay must not be negative");
        }
        Backoff backoff = new Backoff(options.retryDelay(), sleeper, random);
        for (int attempt = 0;; attempt++) {
            BufferedTransaction tx = new BufferedTransaction(store, committer);
            T value;
            CommitResult result;
            try {
                value = fn.apply(tx);
                result = tx.commit();
            } catch (Exception e) {
                LOG.debug("Transaction failed on attempt {}", attempt, e);
                return error(e);
            } finally {
                tx.finish();
            }
            if (result.ok()) {
                return new TransactionResult<>(true, value, result.versionstamp(), null, null);
            }
            if (attempt >= options.maxRetries()) {
                LOG.debug("Transaction conflicted {} time(s); giving up", attempt + 1);
                return new TransactionResult<>(false, null, null, "conflict", null);
            }
            try {
                backoff.await(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return error(e);
            }
        }
    }

    private static <T> TransactionResult<T> error(Exception e) {
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new TransactionResult<>(false, null, null, "error", message);
    }
}
