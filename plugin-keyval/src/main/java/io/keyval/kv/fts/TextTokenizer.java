package io.keyval.kv.fts;

import io.keyval.kv.FtsTokenizer;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into the terms an index stores, the way SQLite FTS5's tokenizer of the same name does:
 * PostgreSQL indexes store these terms as they are, and on both engines queries are checked with
 * them. {@code TokenizerParityTest} compares the two on SQLite.
 *
 * <ul>
 *   <li>{@code unicode61} ({@code remove_diacritics 2}): a term is a run of Unicode letters (L*),
 *       digits and other numbers (N*) and private-use characters (Co), which FTS5's combining
 *       diacritics (25 marks of U+0300..U+0331) may continue; it is lower-cased and a letter that is an ASCII letter plus
 *       diacritics becomes that letter ({@code É} is {@code e}).</li>
 *   <li>{@code porter}: {@code unicode61}, then {@link PorterStemmer}.</li>
 *   <li>{@code ascii}: a term is a run of ASCII letters and digits and of any non-ASCII character;
 *       only {@code A-Z} are lower-cased.</li>
 * </ul>
 *
 * <p>One difference is known: FTS5 classifies characters by Unicode 6.1, so a character assigned
 * since (a newer emoji) is a term character to it, while here it has its current category.
 */
public final class TextTokenizer {

    private static final TextTokenizer UNICODE61 = new TextTokenizer(FtsTokenizer.UNICODE61);
    private static final TextTokenizer PORTER = new TextTokenizer(FtsTokenizer.PORTER);
    private static final TextTokenizer ASCII = new TextTokenizer(FtsTokenizer.ASCII);
    private static final int FIRST_DIACRITIC = 0x300;
    /** FTS5's combining diacritics from U+0300 (bit n is U+0300 + n), which continue a term and are dropped. */
    private static final long DIACRITICS = 0x000361F8_08029FDFL;
    private static final int DOTLESS_I = 0x131;
    /** Outside the BMP, FTS5 folds the Deseret capitals only. */
    private static final int DESERET_CAPITALS = 0x10400;
    private static final int DESERET_CAPITALS_END = 0x10427;
    private static final int DESERET_FOLD = 0x28;

    private final FtsTokenizer kind;

    private TextTokenizer(FtsTokenizer kind) {
        this.kind = kind;
    }

    /**
     * @param kind a tokenizer
     * @return its implementation
     */
    public static TextTokenizer of(FtsTokenizer kind) {
        return switch (kind) {
            case UNICODE61 -> UNICODE61;
            case PORTER -> PORTER;
            case ASCII -> ASCII;
        };
    }

    /** Receives terms in text order. */
    @FunctionalInterface
    public interface TermSink {
        /** @param term a folded (and stemmed) term */
        void term(String term);
    }

    /**
     * @param text some text
     * @return its terms, in order
     */
    public List<String> terms(CharSequence text) {
        List<String> terms = new ArrayList<>();
        split(text, terms::add);
        return terms;
    }

    /**
     * @param text some text
     * @param sink receives its terms, in order
     */
    public void split(CharSequence text, TermSink sink) {
        StringBuilder term = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (i < n) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            if (isTermCharacter(cp) || (term.length() > 0 && isDiacritic(cp))) {
                fold(cp, term);
            } else if (term.length() > 0) {
                emit(term, sink);
            }
        }
        if (term.length() > 0) {
            emit(term, sink);
        }
    }

    private void emit(StringBuilder term, TermSink sink) {
        String folded = term.toString();
        term.setLength(0);
        if (!folded.isEmpty()) {
            sink.term(kind == FtsTokenizer.PORTER ? PorterStemmer.stem(folded) : folded);
        }
    }

    private boolean isTermCharacter(int cp) {
        if (kind == FtsTokenizer.ASCII) {
            return cp >= 0x80 || Character.isLetterOrDigit(cp);
        }
        return switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.PRIVATE_USE -> true;
            default -> false;
        };
    }

    private static boolean isDiacritic(int cp) {
        int bit = cp - FIRST_DIACRITIC;
        return bit >= 0 && bit < Long.SIZE && (DIACRITICS >>> bit & 1) != 0;
    }

    /** Appends the folded character (nothing for a diacritic that unicode61 removes). */
    private void fold(int cp, StringBuilder out) {
        if (kind == FtsTokenizer.ASCII) {
            out.appendCodePoint(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
            return;
        }
        if (cp < 0x80) {
            out.append((char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
            return;
        }
        if (isDiacritic(cp)) {
            return;
        }
        out.appendCodePoint(withoutDiacritics(caseFold(cp)));
    }

    /**
     * Simple Unicode case folding, as FTS5 folds: the lower case, and for a lower-case letter with
     * another folding ({@code ſ}, {@code ς}, {@code µ}) the lower case of its upper case. The dotless
     * {@code ı} folds to itself; outside the BMP only the Deseret capitals fold.
     */
    private static int caseFold(int cp) {
        if (cp > Character.MAX_VALUE) {
            return cp >= DESERET_CAPITALS && cp <= DESERET_CAPITALS_END ? cp + DESERET_FOLD : cp;
        }
        int lower = Character.toLowerCase(cp);
        return lower != cp || cp == DOTLESS_I ? lower : Character.toLowerCase(Character.toUpperCase(cp));
    }

    /** @return the ASCII letter a character is made of plus combining diacritics, or the character itself */
    private static int withoutDiacritics(int cp) {
        if (cp < 0xC0) {
            return cp;
        }
        String decomposed = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFD);
        char base = decomposed.charAt(0);
        if (decomposed.length() < 2 || base >= 0x80 || !Character.isLetter(base)) {
            return cp;
        }
        for (int i = 1; i < decomposed.length(); i++) {
            char mark = decomposed.charAt(i);
            if (mark < 0x300 || mark > 0x36F) {
                return cp;
            }
        }
        return base;
    }
}
