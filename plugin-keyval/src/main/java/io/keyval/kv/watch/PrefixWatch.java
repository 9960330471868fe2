package io.keyval.kv.watch;

import io.keyval.kv.Key;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A watch of the first {@code limit} live descendants of a prefix, in key order. A key that enters
 * that window is reported; one pushed out of it by a new key before it is dropped silently (it was
 * not deleted); when a followed key is deleted from a full window, the hub reads the window again,
 * so that the key that moves into it is reported.
 */
final class PrefixWatch extends Watch {

    private final Key prefix;
    private final int limit;
    private final TreeMap<Key, KeyState> followed = new TreeMap<>();
    private final TreeMap<Key, KeyState> pending = new TreeMap<>();

    PrefixWatch(Key prefix, int limit, WatchSink sink, WatchHub hub) {
        super(sink, hub);
        this.prefix = prefix;
        this.limit = limit;
    }

    @Override
    Collection<Key> keys() {
        return List.of();
    }

    @Override
    Key prefix() {
        return prefix;
    }

    int limit() {
        return limit;
    }

    @Override
    boolean apply(KeyState state) {
        Key key = state.key();
        KeyState current = followed.get(key);
        if (!state.live()) {
            if (current == null || !KeyWatch.isNewer(state, current)) {
                return false;
            }
            boolean wasFull = followed.size() == limit;
            followed.remove(key);
            pending.put(key, state);
            if (wasFull) {
                hub.refill(this);
            }
            return true;
        }
        if (current != null) {
            if (!KeyWatch.isNewer(state, current)) {
                return false;
            }
        } else if (followed.size() == limit && key.compareTo(followed.lastKey()) > 0) {
            return false; // beyond the window
        }
        followed.put(key, state);
        pending.put(key, state);
        if (followed.size() > limit) {
            Key last = followed.lastKey(); // pushed out of the window, not deleted
            followed.remove(last);
            pending.remove(last);
        }
        return true;
    }

    /** @return the keys followed now */
    synchronized List<Key> followedKeys() {
        return new ArrayList<>(followed.keySet());
    }

    @Override
    List<KeyState> takePending() {
        List<KeyState> batch = new ArrayList<>(pending.values());
        pending.clear();
        return batch;
    }

    @Override
    List<KeyState> applySnapshot(Map<Key, KeyState> snapshot) {
        for (KeyState s : snapshot.values()) {
            if (s.live()) {
                followed.put(s.key(), s);
            }
        }
        return new ArrayList<>(followed.values());
    }
}
