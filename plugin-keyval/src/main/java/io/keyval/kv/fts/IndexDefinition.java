package io.keyval.kv.fts;

import io.keyval.kv.FtsIndex;
import io.keyval.kv.FtsTokenizer;
import io.keyval.kv.Key;
import io.keyval.kv.keys.KeyRange;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern TABLE = Pattern.compile("kv_fts_([0-9]{1,18})");

    /** @return the name of the index's (main) table: built from a number, never from user input */
    public String table() {
        return table(id);
    }

    /**
     * @param id an index number
     * @return the name of its (main) table
     */
    static String table(long id) {
        return "kv_fts_" + id;
    }

    /**
     * @param tableName a table name
     * @return the index number when it is an index's main table
     */
    static OptionalLong idOf(String tableName) {
        Matcher m = TABLE.matcher(tableName);
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }

    /**
     * @param other another definition
     * @return whether it indexes the same fields the same way (its number aside)
     */
    boolean sameAs(FtsIndex other) {
        return fields.paths().equals(other.fields()) && tokenizer == other.tokenizer();
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
        return clipped.isEmpty() ? KeyRange.empty() : clipped;
    }

    /** @return the public view */
    FtsIndex toPublic() {
        return new FtsIndex(prefix, fields.paths(), tokenizer);
    }
}
