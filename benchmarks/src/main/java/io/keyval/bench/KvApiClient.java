package io.keyval.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.CommitResult;
import io.keyval.kv.Key;
import io.keyval.kv.Kv;
import io.keyval.kv.KvEntry;
import io.keyval.kv.Page;
import io.keyval.kv.PageOptions;

/** The workloads through the public {@link Kv} API. Thread-safe: every thread shares one instance. */
final class KvApiClient implements StoreClient {

    private final Kv kv;
    private final Dataset data;

    /**
     * @param kv the store
     * @param data the benchmark data
     */
    KvApiClient(Kv kv, Dataset data) {
        this.kv = kv;
        this.data = data;
    }

    @Override
    public void set(int i) {
        kv.set(data.keyAt(i), data.treeAt(i));
    }

    @Override
    public void getAndVerify(int i) {
        data.verify(i, kv.get(data.keyAt(i)).value());
    }

    @Override
    public long scanAll(int pageSize) {
        long seen = 0;
        PageOptions options = PageOptions.defaults().limit(pageSize);
        Page<JsonNode> page;
        do {
            page = kv.paginate(Dataset.PREFIX, options);
            for (KvEntry<JsonNode> e : page.entries()) {
                verifyEntry(e);
            }
            seen += page.entries().size();
            options = options.cursor(page.cursor());
        } while (page.hasMore());
        return seen;
    }

    private void verifyEntry(KvEntry<JsonNode> e) {
        int i = e.value().path("id").asInt(-1);
        if (i < 0 || i >= data.size() || !e.key().equals(data.keyAt(i))) {
            throw new VerificationException("W3 entry " + e.key() + " holds " + e.value());
        }
        data.verify(i, e.value());
    }

    @Override
    public void create(int counter) {
        kv.set(counterKey(counter), 0);
    }

    @Override
    public boolean tryIncrement(int counter) {
        Key key = counterKey(counter);
        KvEntry<JsonNode> current = kv.get(key);
        return kv.atomic()
                .check(key, current.versionstamp())
                .set(key, current.value().asLong() + 1)
                .commit()
                .ok();
    }

    @Override
    public void increment(int counter) {
        CommitResult r = kv.atomic().sum(counterKey(counter), 1).commit();
        if (!r.ok()) {
            throw new VerificationException("sum without checks was refused");
        }
    }

    @Override
    public long value(int counter) {
        KvEntry<JsonNode> e = kv.get(counterKey(counter));
        if (!e.exists()) {
            throw new VerificationException("Counter " + counter + " is missing");
        }
        return e.value().asLong();
    }

    private static Key counterKey(int counter) {
        return Key.of("counter", counter);
    }

    /** Nothing to release: the store belongs to {@link KvApiStore}. */
    @Override
    public void close() {
    }
}
