package io.keyval.kv.fts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyval.kv.KvValidationException;
import io.keyval.kv.fts.SearchQuery.And;
import io.keyval.kv.fts.SearchQuery.Not;
import io.keyval.kv.fts.SearchQuery.Or;
import io.keyval.kv.fts.SearchQuery.Phrase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QueryParserTest {

    private static Phrase t(String text) {
        return new Phrase(text, false);
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        assertEquals(new Or(List.of(t("a"), new And(List.of(t("b"), new Not(t("c"), t("d")))))),
                QueryParser.parse("a OR b c NOT d"));
        assertEquals(new Not(new Not(t("a"), t("b")), t("c")), QueryParser.parse("a NOT b NOT c"));
        assertEquals(new And(List.of(new Or(List.of(t("a"), t("b"))), t("c"))), QueryParser.parse("(a OR b) AND c"));
    }

    @Test
    void phrasesPrefixesAndLowerCaseKeywords() {
        assertEquals(new And(List.of(new Phrase("new york", false), new Phrase("ru", true), t("and"))),
                QueryParser.parse("\"new york\" ru* and"));
        assertEquals(new Phrase("say \"hi\"", true), QueryParser.parse("\"say \"\"hi\"\"\"*"));
        assertEquals(t("café_2"), QueryParser.parse("  café_2  "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"open|unbalanced quotes: the '\"' at position 1 is never closed",
        "(a|unbalanced parentheses: the '(' at position 1 is never closed",
        "a)|unbalanced parentheses: the ')' at position 2 closes nothing",
        "()|empty parentheses at position 2",
        "*|'*' at position 1 must follow the start of a term (run*)",
        "a*b|'*' in 'a*b' at position 2 may only end a prefix term (run*)",
        "NEAR(a b)|NEAR is not supported; use a \"quoted phrase\" or AND",
        "title:x|column filters are not supported (':' in 'title:x' at position 6): terms match every indexed field",
        "^a|'^' in '^a' at position 1 is not supported",
        "a-b|'-' in 'a-b' at position 2 is not allowed outside quotes; to search for it, write the text as a \"quoted phrase\"",
        "OR a|'OR' at position 1 needs a term on its left (write: a OR b)",
        "NOT a|'NOT' at position 1 needs a term on its left (write: a NOT b)",
        "a AND|the query ends where a term is expected after 'AND'",
        "a (OR b)|'OR' at position 4 needs a term on its left (write: a OR b)",
        "'   '|the query is empty",
    })
    void outsideTheSyntaxIsAMessageThatSaysWhatToFix(String query, String message) {
        KvValidationException e = assertThrows(KvValidationException.class, () -> QueryParser.parse(query));
        assertEquals("Invalid search query: " + message, e.getMessage());
    }

    @Test
    void sizeAndDepthAreBounded() {
        assertThrows(KvValidationException.class, () -> QueryParser.parse("(".repeat(17) + "a" + ")".repeat(17)));
        QueryParser.parse("(".repeat(16) + "a" + ")".repeat(16));
        assertThrows(KvValidationException.class, () -> QueryParser.parse("a ".repeat(QueryParser.MAX_TERMS + 1)));
        assertThrows(KvValidationException.class, () -> QueryParser.parse("a".repeat(QueryParser.MAX_LENGTH + 1)));
    }
}
