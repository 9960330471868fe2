package io.keyval.kv.store;

import io.keyval.database.SqlSession;
import io.keyval.kv.Key;
import io.keyval.kv.keys.KeyRange;
import io.keyval.kv.where.SqlFragment;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The live entries of a key range, in order, read in pieces of bounded size ({@link PieceBudget}):
 * each piece is one query, which ends early once its values reach the size mark; the next piece
 * continues after the last key read. A result that fits one piece is one consistent read; a larger
 * one may see commits made between its pieces (each entry is still a committed state of its key).
 *
 * <pre>{@code
 * RangeScan scan = store.scan(prefix, null, null, 1000, false, null);
 * while (scan.hasNext()) {
 *     send(scan.next()); // at most about 4 MB of values at a time
 * }
 * }</pre>
 */
public final class RangeScan implements PiecedRead {

    private final KvStore store;
    private final boolean reverse;
    private final SqlFragment filter;
    private final long now;
    private final long pieceChars;
    private KeyRange range;
    private int remaining;
    private boolean finished;
    private boolean cut;

    RangeScan(KvStore store, KeyRange range, int limit, boolean reverse, SqlFragment filter, long now,
            long pieceChars) {
        this.store = store;
        this.pieceChars = pieceChars;
        this.range = range;
        this.remaining = limit;
        this.reverse = reverse;
        this.filter = filter;
        this.now = now;
        this.finished = range.isEmpty() || limit == 0;
    }

    @Override
    public boolean hasNext() {
        return !finished;
    }

    /**
     * @return whether the last piece ended at the size mark with another matching entry after it
     *     (rather than at the end of the range or the limit)
     */
    public boolean lastPieceWasCut() {
        return cut;
    }

    @Override
    public List<StoredEntry> next() {
        if (finished) {
            return List.of();
        }
        String sql = EntryStatements.list(range, reverse, filter);
        List<StoredEntry> piece = store.readStreaming(s -> readPiece(s, sql));
        remaining -= piece.size();
        if (!cut || remaining == 0) {
            finished = true;
        } else {
            byte[] last = piece.get(piece.size() - 1).key().toBytes();
            range = reverse ? range.below(last) : range.atLeast(last, false);
        }
        return piece;
    }

    private List<StoredEntry> readPiece(SqlSession s, String sql) throws SQLException {
        store.prepareRangeScan(s);
        PreparedStatement ps = s.prepare(sql);
        int i = EntryStatements.bindRange(ps, 1, range);
        ps.setLong(i++, now);
        i = EntryStatements.bindFilter(ps, i, filter);
        ps.setInt(i, remaining);
        PieceBudget budget = PieceBudget.start(ps, pieceChars);
        List<StoredEntry> out = new ArrayList<>(Math.min(remaining, 128));
        cut = false;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (budget.full()) {
                    cut = true;
                    break;
                }
                byte[] key = rs.getBytes(1);
                String json = rs.getString(2);
                out.add(new StoredEntry(Key.fromBytes(key), json, rs.getLong(3)));
                budget.count(rs, key.length, json);
            }
        }
        return out;
    }
}
