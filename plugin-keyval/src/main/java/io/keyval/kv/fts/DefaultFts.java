package io.keyval.kv.fts;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.FtsIndex;
import io.keyval.kv.Key;
import io.keyval.kv.KvEntry;
import io.keyval.kv.KvFts;
import io.keyval.kv.SearchOptions;
import io.keyval.kv.store.JsonValues;
import java.util.List;

/** The {@link KvFts} service over {@link FtsService}. */
public final class DefaultFts implements KvFts {

    private final FtsService fts;

    /** @param fts the search service */
    public DefaultFts(FtsService fts) {
        this.fts = fts;
    }

    @Override
    public void createIndex(FtsIndex index) {
        fts.createIndex(index);
    }

    @Override
    public void removeIndex(Key prefix) {
        fts.removeIndex(prefix);
    }

    @Override
    public List<FtsIndex> listIndexes() {
        return fts.listIndexes().stream().map(IndexDefinition::toPublic).toList();
    }

    @Override
    public List<KvEntry<JsonNode>> search(Key prefix, String query, SearchOptions options) {
        SearchOptions o = options == null ? SearchOptions.defaults() : options;
        return fts.search(prefix, query, o.limit(), o.where() == null ? null : o.where().json()).stream()
                .map(e -> new KvEntry<>(e.key(), JsonValues.tree(e.json()), e.versionstamp()))
                .toList();
    }
}
