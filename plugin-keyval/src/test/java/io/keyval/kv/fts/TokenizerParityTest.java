package io.keyval.kv.fts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.Databases;
import io.keyval.database.testing.TestDatabases;
import io.keyval.kv.FtsTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Java tokenizers PostgreSQL indexes rely on make exactly the terms SQLite's FTS5 makes: a corpus
 * of English word forms (every suffix rule of the Porter stemmer) and of accented, non-Latin and mixed
 * text goes into an FTS5 table with each tokenizer, and FTS5's own vocabulary of it
 * ({@code fts5vocab}) must equal the terms {@link TextTokenizer} finds. This also checks that the
 * bundled SQLite has FTS5.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenizerParityTest {

    private static final List<String> STEMS = List.of("run", "connect", "relate", "hope", "hop", "agree", "feed",
            "plaster", "bore", "size", "fail", "file", "fall", "hiss", "fizz", "tan", "happy", "sky", "pony", "caress",
            "cat", "rate", "condition", "rational", "valence", "hesitance", "digit", "conform", "radical",
            "different", "vile", "analog", "vietnam", "predicate", "operate", "feudal", "decisive", "hope", "callous",
            "formal", "sensitive", "sensible", "electric", "triple", "use", "good", "revive", "allowance",
            "inference", "airline", "gyroscope", "adjust", "depend", "adopt", "home", "communism", "activate",
            "angular", "homologous", "effective", "bowdler", "probate", "rate", "cease", "control", "roll", "generous",
            "general", "oscill", "dependent", "replace", "sing", "meet", "agree", "disable", "troubl", "luxur", "ski",
            "news", "dying", "lying", "y", "ye", "yes", "by", "bye", "sly", "spy", "toy", "played", "playing", "fly",
            "ion", "eed", "ed", "ing", "ies", "sses", "ss", "s", "at", "bl", "iz", "abl", "ful", "ness", "ment");
    private static final List<String> SUFFIXES = List.of("", "s", "es", "ies", "sses", "ed", "eed", "ing", "ings",
            "ation", "ational", "tional", "enci", "anci", "izer", "abli", "bli", "alli", "entli", "eli", "ousli",
            "ization", "ator", "alism", "iveness", "fulness", "ousness", "aliti", "iviti", "biliti", "logi", "icate",
            "ative", "alize", "iciti", "ical", "ful", "ness", "al", "ance", "ence", "er", "ic", "able", "ible", "ant",
            "ement", "ment", "ent", "sion", "tion", "ou", "ism", "ate", "iti", "ous", "ive", "ize", "e", "ll", "y",
            "ly", "ingly", "edly", "ers", "ations", "izing", "ized", "ness's");
    private static final String MIXED = """
            Café CRÈME brûlée naïve façade Ærøskøbing Øresund Łódź Ðakovo Straße ǅemal Ĳssel
            Ελληνικά ΣΊΣΥΦΟΣ Москва Пётр 東京タワー 서울특별시 ภาษาไทย עברית العربية हिन्दी
            e-mail user@example.org v1.2.3 C++ don't O'Neil 3.14 ½ ①② x² 2nd 10,000 €100 #tag _under_score
            ＡＢＣ ｆｕｌｌｗｉｄｔｈ smile😀face µ ς ϐ ϑ ϕ ϖ ϰ ϱ ϵ ẛ ι Ａ 𝐀 𐀀 ǈ Ǉ ŉ İ ı ſ ﬁ ﬀ Ǆ ǲ ẞ ΐ ΰ ǰ
            """;

    @TempDir
    static Path tempDir;

    private Databases.ClosableDatabaseService databases;
    private DatabaseAdapter db;

    @BeforeAll
    void open() {
        databases = TestDatabases.open(TestDatabases.Engine.SQLITE, tempDir);
        db = databases.getRootAdapter(null);
    }

    @AfterAll
    void close() {
        databases.close();
    }

    @ParameterizedTest
    @EnumSource(FtsTokenizer.class)
    void javaTermsEqualFts5Terms(FtsTokenizer tokenizer) {
        List<String> documents = new ArrayList<>();
        StringBuilder words = new StringBuilder();
        for (String stem : STEMS) {
            for (String suffix : SUFFIXES) {
                words.append(stem).append(suffix).append(' ');
                words.append(Character.toUpperCase(stem.charAt(0))).append(stem.substring(1)).append(suffix).append(' ');
            }
            documents.add(words.toString());
            words.setLength(0);
        }
        documents.add(MIXED);
        String table = "parity_" + tokenizer.id();
        db.execute("CREATE VIRTUAL TABLE " + table + " USING fts5(t, tokenize = '"
                + SqliteFtsDialect.fts5Tokenizer(tokenizer) + "')");
        db.execute("CREATE VIRTUAL TABLE " + table + "_vocab USING fts5vocab(" + table + ", 'row')");
        Set<String> expected = new TreeSet<>();
        for (String doc : documents) {
            db.execute("INSERT INTO " + table + " (t) VALUES (?)", doc);
            expected.addAll(TextTokenizer.of(tokenizer).terms(doc));
        }
        Set<String> fts5 = new TreeSet<>();
        for (Map<String, Object> row : db.execute("SELECT term FROM " + table + "_vocab")) {
            fts5.add((String) row.get("term"));
        }
        Set<String> onlyJava = new TreeSet<>(expected);
        onlyJava.removeAll(fts5);
        Set<String> onlyFts5 = new TreeSet<>(fts5);
        onlyFts5.removeAll(expected);
        assertEquals("", onlyJava.isEmpty() && onlyFts5.isEmpty() ? ""
                : "only Java: " + onlyJava + "\nonly FTS5: " + onlyFts5);
        assertEquals(fts5.size(), expected.size());
    }
}
