package io.keyval.kv.fts;

import io.keyval.kv.FtsIndex;
import io.keyval.kv.FtsTokenizer;
import io.keyval.kv.Key;
import io.keyval.kv.keys.KeyRange;
import java.util.Arrays;

/**
 * A stored index: its definition and the number that names its tables ({@code kv_fts_<id>}; a
 * replaced index gets a new number, so nothing of the old one is ever mistaken for the new).
 *
 * @param id the index number
 * @param prefix the indexed prefix
 * @param fields the indexed fields
 * @param tokenizer the tokenizer
 */
public record IndexDefinition(long id, Key prefix, IndexedFields fields, FtsTokenizer tokenizer) {

    /** @return the name of the index's (main) table: built from a number, never from user input */
    public String table() {
        return "kv_fts_" + id;
    }

    /**
     * @param key an entry's key
     * @return whether the entry belongs in this index: a strict descendant of its prefix
     */
    boolean covers(Key key) {
        return key.size() > prefix.size() && key.startsWith(prefix);
    }

    /**
     * @param range a range of keys
     * @return the part of the range within this index, possibly empty
     */
    KeyRange clip(KeyRange range) {
        KeyRange own = KeyRange.descendants(prefix);
        KeyRange clipped = own.atLeast(range.lower(), range.lowerInclusive()).below(range.upper());
        return Arrays.compareUnsigned(clipped.lower(), clipped.upper()) >= 0 ? KeyRange.empty() : clipped;
    }

    /** @return the public view */
    FtsIndex toPublic() {
        return new FtsIndex(prefix, fields.paths(), tokenizer);
    }
}
