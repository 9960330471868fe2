package io.keyval.kv.atomic;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.CommitResult;
import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.commit.Versionstamps;
import io.keyval.kv.commit.WriteCommand;
import io.keyval.kv.commit.WriteContext;
import io.keyval.kv.store.JsonValues;
import io.keyval.kv.store.KvStore;
import io.keyval.kv.store.RecentWrites;
import io.keyval.kv.store.StoredEntry;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes an {@link AtomicRequest} inside the commit pipeline's write transaction:
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
    private final RecentWrites recentWrites;

    /**
     * @param request the validated request
     * @param recentWrites the store's recent writes, which may settle a check without a read
     */
    public AtomicCommit(AtomicRequest request, RecentWrites recentWrites) {
        this.request = request;
        this.recentWrites = recentWrites;
    }

    /**
     * Commits a request. A check that already fails on committed data fails the commit without
     * entering the write transaction: versionstamps never repeat, so the commit can be ordered at
     * that moment (it writes nothing either way). Contended retries thus cost at most a read, not a
     * turn on the store-wide write lock. The store's {@link RecentWrites} settle most checks without
     * that read: one against an older versionstamp than the key's latest write fails at once, and
     * one against exactly that write goes straight to the transaction; the others are read.
     *
     * @param store the store
     * @param request the validated request
     * @return the outcome
     */
    public static CommitResult run(KvStore store, AtomicRequest request) {
        RecentWrites recent = store.recentWrites();
        List<Check> toRead = new ArrayList<>();
        for (Check check : request.checks()) {
            long latest = latestWrite(recent, check);
            if (latest == -1) {
                toRead.add(check); // an absence check, or a key not written here recently
                continue;
            }
            long checked = Versionstamps.parse(check.versionstamp());
            if (latest > checked) {
                return CHECK_FAILED; // the entry was written again (or removed) after that versionstamp
            }
            if (latest < checked) {
                toRead.add(check); // written by another process since
            }
        }
        if (!toRead.isEmpty()) {
            List<StoredEntry> live = store.getMany(toRead.stream().map(Check::key).toList());
            for (int i = 0; i < toRead.size(); i++) {
                if (!passes(toRead.get(i), live.get(i))) {
                    return CHECK_FAILED;
                }
            }
        }
        return store.pipeline().submit(new AtomicCommit(request, recent));
    }

    @Override
    public CommitResult apply(WriteContext ctx) throws SQLException {
        for (Check check : request.checks()) {
            // A write released while this commit was queued may already settle the check; otherwise
            // read it (commits earlier in this transaction are not in the recent writes yet).
            boolean stale = latestWrite(recentWrites, check) > Versionstamps.parse(check.versionstamp());
            if (stale || !passes(check, ctx.readLive(check.key()))) {
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

    /** The checked keys, and the keys of the mutations that combine with the stored value. */
    @Override
    public List<Key> keysRead() {
        List<Key> keys = new ArrayList<>();
        for (Check check : request.checks()) {
            keys.add(check.key());
        }
        for (Mutation m : request.mutations()) {
            if (m.type() != Mutation.Type.SET && m.type() != Mutation.Type.DELETE && !m.key().hasPlaceholder()) {
                keys.add(m.key());
            }
        }
        return keys;
    }

    /**
     * @return the sequence number of the store's latest durable write of the checked key; -1 when not
     *     known or for an absence check
     */
    private static long latestWrite(RecentWrites recent, Check check) {
        return check.versionstamp() == null ? -1 : recent.latest(check.key());
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
                JsonNode operand = ValuePlaceholders.resolve(m.value(), ctx::uuidv7);
                String result = live.exists() ? MutationSemantics.combineIntegers(m.type(), live.json(), operand) : null;
                if (result == null) {
                    JsonNode existing = live.exists() ? JsonValues.tree(live.json()) : null;
                    result = JsonValues.write(MutationSemantics.combine(m.type(), existing, operand));
                }
                // results of sum/max/min/append/prepend never carry a TTL (docs/http-api.md §3.3)
                ctx.put(key, result, null);
            }
        }
    }
}
