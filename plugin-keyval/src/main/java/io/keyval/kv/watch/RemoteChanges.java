package io.keyval.kv.watch;

import io.keyval.database.Notifications;
import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import io.keyval.kv.commit.Change;
import io.keyval.kv.commit.CommitChanges;
import io.keyval.kv.commit.CommitParticipant;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Watch across hosts: each group transaction that changed entries sends, inside that transaction,
 * the changed keys and their commit sequence numbers on the store's channel, so that they reach
 * every other host's watches only if the commit happens. Payloads stay under the database's limit;
 * a group too large for {@value #MAX_NOTIFICATIONS} of them sends an overflow marker instead, which
 * makes every host re-read what it watches. A host ignores what it sent itself (its own commits
 * reach its watches directly).
 *
 * <p>Payload: {@code <host> <hex key>:<seq> ...}, or {@code <host> *} for an overflow.
 */
final class RemoteChanges implements CommitParticipant {

    static final String CHANNEL = "watch";
    private static final int MAX_NOTIFICATIONS = 8;
    private static final HexFormat HEX = HexFormat.of();

    private final Notifications notifications;
    private final String host = UUID.randomUUID().toString().substring(0, 8);

    RemoteChanges(Notifications notifications) {
        this.notifications = notifications;
    }

    /** @return this host's token in payloads */
    String host() {
        return host;
    }

    @Override
    public void beforeCommit(SqlSession session, CommitChanges commit) {
        // nothing per commit: one notification per group (below)
    }

    @Override
    public void beforeGroupCommit(SqlSession session, List<CommitChanges> commits) throws SQLException {
        List<String> payloads = new ArrayList<>();
        StringBuilder payload = new StringBuilder(host);
        for (CommitChanges commit : commits) {
            for (Change change : commit.changes()) {
                String item = " " + HEX.formatHex(change.key().toBytes()) + ":" + change.seq();
                // hex and digits: one byte each. A key too long for any payload, or too many keys,
                // make the other hosts re-read instead: a notification must never fail the commit.
                if (host.length() + item.length() > Notifications.MAX_PAYLOAD_BYTES) {
                    notifications.notify(session, CHANNEL, host + " *");
                    return;
                }
                if (payload.length() + item.length() > Notifications.MAX_PAYLOAD_BYTES) {
                    payloads.add(payload.toString());
                    payload = new StringBuilder(host);
                    if (payloads.size() == MAX_NOTIFICATIONS) {
                        notifications.notify(session, CHANNEL, host + " *");
                        return;
                    }
                }
                payload.append(item);
            }
        }
        if (payload.length() > host.length()) {
            payloads.add(payload.toString());
        }
        for (String p : payloads) {
            notifications.notify(session, CHANNEL, p);
        }
    }

    /**
     * A received payload.
     *
     * @param host the sending host
     * @param keys the changed keys, or {@code null} for an overflow (re-read everything)
     * @param seqs each key's commit sequence number
     */
    record Received(String host, List<Key> keys, List<Long> seqs) {

        static Received parse(String payload) {
            String[] parts = payload.split(" ");
            if (parts.length == 2 && parts[1].equals("*")) {
                return new Received(parts[0], null, null);
            }
            List<Key> keys = new ArrayList<>(parts.length - 1);
            List<Long> seqs = new ArrayList<>(parts.length - 1);
            for (int i = 1; i < parts.length; i++) {
                int colon = parts[i].indexOf(':');
                keys.add(Key.fromBytes(HEX.parseHex(parts[i], 0, colon)));
                seqs.add(Long.parseLong(parts[i].substring(colon + 1)));
            }
            return new Received(parts[0], keys, seqs);
        }
    }
}
