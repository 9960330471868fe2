package io.keyval.kv.fts;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The English Porter stemmer exactly as SQLite's FTS5 {@code porter} tokenizer applies it, so that a
 * PostgreSQL index stores the terms an FTS5 index would: Martin Porter's original algorithm (with his
 * published {@code logi} and {@code bli} amendments), run on the UTF-8 bytes of an already folded
 * token. Only ASCII letters count as vowels; tokens shorter than 3 or longer than 64 bytes are left
 * as they are. {@code TokenizerParityTest} compares it with FTS5 word by word.
 */
final class PorterStemmer {

    private static final int MIN_BYTES = 3;
    private static final int MAX_BYTES = 64;

    /** A condition on the stem left once a suffix is taken off. */
    private interface Condition {
        boolean holds(byte[] b, int stemLength);
    }

    /** Replace {@code suffix} by {@code replacement} when the stem before it meets the condition. */
    private record Rule(byte[] suffix, Condition condition, byte[] replacement) {
        Rule(String suffix, Condition condition, String replacement) {
            this(ascii(suffix), condition, ascii(replacement));
        }
    }

    private static final Condition M_GT_0 = (b, n) -> gobbleVc(b, 0, n, false) != 0;
    private static final Condition M_GT_1 = PorterStemmer::measureAboveOne;
    private static final Condition ION = (b, n) -> n > 0 && (b[n - 1] == 's' || b[n - 1] == 't') && measureAboveOne(b, n);

    private static final List<Rule> STEP_2 = List.of(
            new Rule("ational", M_GT_0, "ate"), new Rule("tional", M_GT_0, "tion"),
            new Rule("enci", M_GT_0, "ence"), new Rule("anci", M_GT_0, "ance"),
            new Rule("izer", M_GT_0, "ize"), new Rule("logi", M_GT_0, "log"),
            new Rule("bli", M_GT_0, "ble"), new Rule("alli", M_GT_0, "al"),
            new Rule("entli", M_GT_0, "ent"), new Rule("eli", M_GT_0, "e"),
            new Rule("ousli", M_GT_0, "ous"), new Rule("ization", M_GT_0, "ize"),
            new Rule("ation", M_GT_0, "ate"), new Rule("ator", M_GT_0, "ate"),
            new Rule("alism", M_GT_0, "al"), new Rule("iveness", M_GT_0, "ive"),
            new Rule("fulness", M_GT_0, "ful"), new Rule("ousness", M_GT_0, "ous"),
            new Rule("aliti", M_GT_0, "al"), new Rule("iviti", M_GT_0, "ive"),
            new Rule("biliti", M_GT_0, "ble"));
    private static final List<Rule> STEP_3 = List.of(
            new Rule("icate", M_GT_0, "ic"), new Rule("ative", M_GT_0, ""),
            new Rule("alize", M_GT_0, "al"), new Rule("iciti", M_GT_0, "ic"),
            new Rule("ical", M_GT_0, "ic"), new Rule("ful", M_GT_0, ""),
            new Rule("ness", M_GT_0, ""));
    private static final List<Rule> STEP_4 = List.of(
            new Rule("al", M_GT_1, ""), new Rule("ance", M_GT_1, ""), new Rule("ence", M_GT_1, ""),
            new Rule("er", M_GT_1, ""), new Rule("ic", M_GT_1, ""), new Rule("able", M_GT_1, ""),
            new Rule("ible", M_GT_1, ""), new Rule("ant", M_GT_1, ""), new Rule("ement", M_GT_1, ""),
            new Rule("ment", M_GT_1, ""), new Rule("ent", M_GT_1, ""), new Rule("ion", ION, ""),
            new Rule("ou", M_GT_1, ""), new Rule("ism", M_GT_1, ""), new Rule("ate", M_GT_1, ""),
            new Rule("iti", M_GT_1, ""), new Rule("ous", M_GT_1, ""), new Rule("ive", M_GT_1, ""),
            new Rule("ize", M_GT_1, ""));
    private static final List<Rule> STEP_1B_TIDY = List.of(
            new Rule("at", (b, n) -> true, "ate"), new Rule("bl", (b, n) -> true, "ble"),
            new Rule("iz", (b, n) -> true, "ize"));

    private PorterStemmer() {
    }

    /**
     * @param token a folded token
     * @return its stem
     */
    static String stem(String token) {
        byte[] in = token.getBytes(StandardCharsets.UTF_8);
        if (in.length < MIN_BYTES || in.length > MAX_BYTES) {
            return token;
        }
        byte[] b = new byte[MAX_BYTES + 8]; // room for the one letter a step may add
        System.arraycopy(in, 0, b, 0, in.length);
        int n = step1(b, in.length);
        n = apply(b, n, STEP_2);
        n = apply(b, n, STEP_3);
        n = apply(b, n, STEP_4);
        // Step 5a: remove a final e.
        if (n > 0 && b[n - 1] == 'e' && (measureAboveOne(b, n - 1) || (measureIsOne(b, n - 1) && !cvc(b, n - 1)))) {
            n--;
        }
        // Step 5b: ll to l.
        if (n > 1 && b[n - 1] == 'l' && b[n - 2] == 'l' && measureAboveOne(b, n - 1)) {
            n--;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    /** Steps 1a, 1b and 1c: plurals, -ed and -ing, and a final y. */
    private static int step1(byte[] b, int n) {
        if (b[n - 1] == 's') {
            if (b[n - 2] == 'e') {
                n -= (n > 4 && b[n - 4] == 's' && b[n - 3] == 's') || (n > 3 && b[n - 3] == 'i') ? 2 : 1;
            } else if (b[n - 2] != 's') {
                n--;
            }
        }
        boolean removed = false;
        if (n > 3 && endsWith(b, n, "eed")) {
            if (M_GT_0.holds(b, n - 3)) {
                n--;
            }
        } else if (endsWith(b, n, "ed") && n > 2 && hasVowel(b, n - 2)) {
            n -= 2;
            removed = true;
        } else if (endsWith(b, n, "ing") && n > 3 && hasVowel(b, n - 3)) {
            n -= 3;
            removed = true;
        }
        if (removed) {
            int tidied = apply(b, n, STEP_1B_TIDY);
            if (tidied != n) {
                n = tidied;
            } else if (n >= 2 && !isVowel(b[n - 1], false) && b[n - 1] != 'l' && b[n - 1] != 's' && b[n - 1] != 'z'
                    && b[n - 1] == b[n - 2]) {
                n--;
            } else if (measureIsOne(b, n) && cvc(b, n)) {
                b[n++] = 'e';
            }
        }
        if (n > 0 && b[n - 1] == 'y' && hasVowel(b, n - 1)) {
            b[n - 1] = 'i';
        }
        return n;
    }

    /** Applies the first rule whose suffix ends the word, if its condition holds. */
    private static int apply(byte[] b, int n, List<Rule> rules) {
        for (Rule rule : rules) {
            int s = rule.suffix.length;
            if (n > s && endsWith(b, n, rule.suffix)) {
                if (!rule.condition.holds(b, n - s)) {
                    return n;
                }
                System.arraycopy(rule.replacement, 0, b, n - s, rule.replacement.length);
                return n - s + rule.replacement.length;
            }
        }
        return n;
    }

    private static boolean isVowel(byte c, boolean yIsVowel) {
        return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || (yIsVowel && c == 'y');
    }

    /**
     * Skips a run of vowels then of consonants from {@code from}.
     *
     * @return the index after the first consonant that follows a vowel, plus one; 0 when there is none
     */
    private static int gobbleVc(byte[] b, int from, int to, boolean previousConsonant) {
        boolean consonant = previousConsonant;
        int i = from;
        for (; i < to; i++) {
            consonant = !isVowel(b[i], consonant);
            if (!consonant) {
                break;
            }
        }
        for (i++; i < to; i++) {
            consonant = !isVowel(b[i], consonant);
            if (consonant) {
                return i + 1;
            }
        }
        return 0;
    }

    private static boolean measureAboveOne(byte[] b, int n) {
        int first = gobbleVc(b, 0, n, false);
        return first != 0 && gobbleVc(b, first, n, true) != 0;
    }

    private static boolean measureIsOne(byte[] b, int n) {
        int first = gobbleVc(b, 0, n, false);
        return first != 0 && gobbleVc(b, first, n, true) == 0;
    }

    /** *o: the stem ends consonant-vowel-consonant, the last not w, x or y. */
    private static boolean cvc(byte[] b, int n) {
        if (n == 0 || b[n - 1] == 'w' || b[n - 1] == 'x' || b[n - 1] == 'y') {
            return false;
        }
        int mask = 0;
        boolean consonant = false;
        for (int i = 0; i < n; i++) {
            consonant = !isVowel(b[i], consonant);
            mask = (mask << 1) | (consonant ? 1 : 0);
        }
        return (mask & 7) == 5;
    }

    private static boolean hasVowel(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (isVowel(b[i], i > 0)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsWith(byte[] b, int n, String suffix) {
        return endsWith(b, n, ascii(suffix));
    }

    private static boolean endsWith(byte[] b, int n, byte[] suffix) {
        if (n < suffix.length) {
            return false;
        }
        for (int i = 0; i < suffix.length; i++) {
            if (b[n - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
