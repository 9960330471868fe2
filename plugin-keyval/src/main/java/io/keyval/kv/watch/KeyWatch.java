package io.keyval.kv.watch;

import io.keyval.kv.Key;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** A watch of exact keys: reports them in the order they were given, each once. */
final class KeyWatch extends Watch {

    private final List<Key> keys;
    private final Map<Key, KeyState> reported = new HashMap<>();
    private final Map<Key, KeyState> pending = new HashMap<>();

    KeyWatch(List<Key> keys, WatchSink sink, WatchHub hub) {
        super(sink, hub);
        this.keys = List.copyOf(new LinkedHashSet<>(keys)); // duplicates are watched once
    }

    @Override
    Collection<Key> keys() {
        return keys;
    }

    @Override
    Key prefix() {
        return null;
    }

    @Override
    boolean apply(KeyState state) {
        KeyState current = reported.get(state.key());
        if (current == null || !isNewer(state, current)) {
            return false;
        }
        reported.put(state.key(), state);
        pending.put(state.key(), state);
        return true;
    }

    /**
     * A value is newer when a later commit wrote it; an absence counts when it removes the reported
     * value (a delete after it, the expiry of that very write, or a read that found it gone).
     */
    static boolean isNewer(KeyState state, KeyState current) {
        if (state.live()) {
            return state.seq() > current.seq();
        }
        return current.live() && (state.seq() >= current.seq() || state.seq() == KeyState.UNKNOWN);
    }

    @Override
    List<KeyState> takePending() {
        List<KeyState> batch = new ArrayList<>(pending.size());
        if (!pending.isEmpty()) {
            for (Key k : keys) {
                KeyState s = pending.get(k);
                if (s != null) {
                    batch.add(s);
                }
            }
            pending.clear();
        }
        return batch;
    }

    @Override
    List<KeyState> applySnapshot(Map<Key, KeyState> snapshot) {
        List<KeyState> report = new ArrayList<>(keys.size());
        for (Key k : keys) {
            KeyState s = snapshot.getOrDefault(k, KeyState.absent(k, 0));
            reported.put(k, s);
            report.add(s);
        }
        return report;
    }
}
