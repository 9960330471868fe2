package io.keyval.kv.atomic;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.CommitResult;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.core.JsonValues;
import io.keyval.kv.core.KvStore;
import io.keyval.kv.core.StoredEntry;
import io.keyval.kv.core.Versionstamps;
import io.keyval.kv.core.WriteCommand;
import io.keyval.kv.core.WriteContext;
import java.sql.SQLException;
import java.util.List;

/**
 * Executes an {@link AtomicRequest} inside the commit pipeline's write transaction (SPEC §4.2):
 * the checks read the live entries inside the transaction — so no other commit can slip in
 * between check and write —, then the mutations apply in order, each seeing the earlier ones, all
 * with the commit's one versionstamp. A failed check answers {@code ok=false} before anything is
 * written; a mutation that does not fit the stored value throws {@link KvValidationException},
 * which rolls back this commit's writes.
 *
 * <pre>{@code
 * CommitResult r = AtomicCommit.run(store, AtomicRequest.parse(body));
 * }</pre>
 */
public final class AtomicCommit implements WriteCommand<CommitResult> {

    private static final CommitResult CHECK_FAILED = new CommitResult(false, null);

    private final AtomicRequest request;

    /** @param request the validated request */
    public AtomicCommit(AtomicRequest request) {
        this.request = request;
    }

    /**
     * Commits a request. A check that already fails on committed data fails the commit without
     * entering the write transaction: versionstamps never repeat, so the commit can be ordered at
     * that read (it writes nothing either way). Contended retries thus cost a read, not a turn on
     * the store-wide write lock.
     *
     * @param store the store
     * @param request the validated request
     * @return the outcome
     */
    public static CommitResult run(KvStore store, AtomicRequest request) {
        List<Check> checks = request.checks();
        if (!checks.isEmpty()) {
            List<StoredEntry> live = store.getMany(checks.stream().map(Check::key).toList());
            for (int i = 0; i < checks.size(); i++) {
                if (!passes(checks.get(i), live.get(i))) {
                    return CHECK_FAILED;
                }
            }
        }
        return store.pipeline().submit(new AtomicCommit(request));
    }

    @Override
    public CommitResult apply(WriteContext ctx) throws SQLException {
        for (Check check : request.checks()) {
            if (!passes(check, ctx.readLive(check.key()))) {
                return CHECK_FAILED;
            }
        }
        List<Mutation> mutations = request.mutations();
        for (int i = 0; i < mutations.size(); i++) {
            try {
                apply(mutations.get(i), ctx);
            } catch (KvValidationException e) {
                throw new KvValidationException("Invalid mutation at index " + i + ": " + e.getMessage());
            }
        }
        return new CommitResult(true, Versionstamps.format(ctx.seq()));
    }

    private static boolean passes(Check check, StoredEntry live) {
        if (check.versionstamp() == null) {
            return !live.exists();
        }
        // A versionstamp this store could never issue parses to -1 and so never matches.
        return live.exists() && live.seq() == Versionstamps.parse(check.versionstamp());
    }

    private static void apply(Mutation m, WriteContext ctx) throws SQLException {
        Key key = m.key().hasPlaceholder() ? m.key().resolvePlaceholders(ctx.uuidv7()) : m.key();
        switch (m.type()) {
            case DELETE -> ctx.deleteExact(key);
            case SET -> ctx.put(key, JsonValues.write(ValuePlaceholders.resolve(m.value(), ctx::uuidv7)),
                    m.expiresIn() == null ? null : ctx.now() + m.expiresIn());
            default -> {
                StoredEntry live = ctx.readLive(key);
                JsonNode existing = live.exists() ? JsonValues.tree(live.json()) : null;
                JsonNode operand = ValuePlaceholders.resolve(m.value(), ctx::uuidv7);
                // results of sum/max/min/append/prepend never carry a TTL (SPEC §1.10)
                ctx.put(key, JsonValues.write(MutationSemantics.combine(m.type(), existing, operand)), null);
            }
        }
    }
}
