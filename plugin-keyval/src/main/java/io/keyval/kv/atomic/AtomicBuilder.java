package io.keyval.kv.atomic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.keyval.kv.AtomicOperation;
import io.keyval.kv.CommitResult;
import io.keyval.kv.Key;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java form of an atomic commit: collects checks and mutations, then commits them as one
 * {@link AtomicRequest} through the same {@link AtomicCommit} as {@code POST /atomic}. Operands are
 * validated as they are added; keys when committing.
 *
 * <pre>{@code
 * CommitResult r = new AtomicBuilder(service)
 *     .check(Key.of("seats", 7), null)
 *     .set(Key.of("seats", 7), Map.of("by", "ada"))
 *     .sum(Key.of("stats", "booked"), 1)
 *     .commit();
 * }</pre>
 */
public final class AtomicBuilder implements AtomicOperation {

    private final AtomicCommitter committer;
    private final List<Check> checks = new ArrayList<>();
    private final List<Mutation> mutations = new ArrayList<>();
    private boolean committed;

    /** @param committer what commits the request */
    public AtomicBuilder(AtomicCommitter committer) {
        this.committer = committer;
    }

    @Override
    public AtomicBuilder check(Key key, String versionstamp) {
        checks.add(new Check(key, versionstamp));
        return this;
    }

    @Override
    public AtomicBuilder set(Key key, Object value) {
        return set(key, value, null);
    }

    @Override
    public AtomicBuilder set(Key key, Object value, Duration expiresIn) {
        return add(Mutation.Type.SET, key, JavaValues.tree(value), expiresIn == null ? null : expiresIn.toMillis());
    }

    @Override
    public AtomicBuilder delete(Key key) {
        return add(Mutation.Type.DELETE, key, null, null);
    }

    @Override
    public AtomicBuilder sum(Key key, long n) {
        return add(Mutation.Type.SUM, key, LongNode.valueOf(n), null);
    }

    @Override
    public AtomicBuilder sum(Key key, BigInteger n) {
        return add(Mutation.Type.SUM, key, BigIntegerNode.valueOf(n), null);
    }

    @Override
    public AtomicBuilder max(Key key, long n) {
        return add(Mutation.Type.MAX, key, LongNode.valueOf(n), null);
    }

    @Override
    public AtomicBuilder min(Key key, long n) {
        return add(Mutation.Type.MIN, key, LongNode.valueOf(n), null);
    }

    @Override
    public AtomicBuilder append(Key key, List<?> values) {
        return add(Mutation.Type.APPEND, key, JavaValues.tree(values), null);
    }

    @Override
    public AtomicBuilder prepend(Key key, List<?> values) {
        return add(Mutation.Type.PREPEND, key, JavaValues.tree(values), null);
    }

    private AtomicBuilder add(Mutation.Type type, Key key, JsonNode value, Long expiresIn) {
        mutations.add(new Mutation(type, key, value, expiresIn));
        return this;
    }

    /**
     * @throws IllegalStateException when called a second time
     */
    @Override
    public CommitResult commit() {
        if (committed) {
            throw new IllegalStateException("Atomic operation already committed");
        }
        committed = true;
        return committer.commit(new AtomicRequest(checks, mutations));
    }
}
