package io.keyval.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * W7's documents: English-like text from a fixed seed. The vocabulary is 60 common English words
 * followed by 20,000 made-up words from English syllables; words are drawn with Zipf frequencies
 * (the k-th most common about 1/k as often as the first), as in real text. A document has a title of
 * four words and a body of about 200 bytes.
 */
final class SearchCorpus {

    private static final List<String> COMMON = List.of("the", "of", "and", "to", "in", "a", "is", "that", "for",
            "it", "as", "was", "with", "be", "by", "on", "not", "he", "this", "are", "or", "his", "from", "at",
            "which", "but", "have", "an", "had", "they", "you", "were", "their", "one", "all", "we", "can", "her",
            "has", "there", "been", "if", "more", "when", "will", "would", "who", "so", "no", "time", "people",
            "year", "way", "day", "thing", "man", "world", "life", "hand", "part");
    private static final String[] SYLLABLES = {"ka", "lo", "ri", "ten", "mar", "sol", "vin", "der", "pa", "ne",
        "tro", "li", "gan", "bel", "cor", "dis", "en", "fa", "gro", "hu", "in", "jo", "ker", "lan", "mo", "nor",
        "or", "pre", "qua", "ros", "sta", "tu", "un", "ver", "wes", "xa", "yo", "zin", "ble", "ment", "tion", "ing"};
    private static final int MADE_UP = 20_000;
    private static final int BODY_BYTES = 200;

    private final List<String> vocabulary = new ArrayList<>();
    private final double[] cumulative;
    private final Random random = new Random(7);

    SearchCorpus() {
        vocabulary.addAll(COMMON);
        Set<String> seen = new HashSet<>(COMMON);
        while (vocabulary.size() < COMMON.size() + MADE_UP) {
            StringBuilder w = new StringBuilder();
            for (int n = 2 + random.nextInt(3); n > 0; n--) {
                w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
            }
            if (seen.add(w.toString())) {
                vocabulary.add(w.toString());
            }
        }
        cumulative = new double[vocabulary.size()];
        double sum = 0;
        for (int k = 0; k < cumulative.length; k++) {
            sum += 1.0 / (k + 1);
            cumulative[k] = sum;
        }
    }

    /** @return the word of frequency rank {@code k} (0 = most common) */
    String word(int k) {
        return vocabulary.get(k);
    }

    /** @return the next document's title */
    String title() {
        return words(4, Integer.MAX_VALUE);
    }

    /** @return the next document's body, about 200 bytes */
    String body() {
        return words(Integer.MAX_VALUE, BODY_BYTES);
    }

    private String words(int maxWords, int maxBytes) {
        StringBuilder text = new StringBuilder();
        for (int n = 0; n < maxWords && text.length() < maxBytes; n++) {
            if (n > 0) {
                text.append(' ');
            }
            text.append(draw());
        }
        return text.toString();
    }

    private String draw() {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return vocabulary.get(lo);
    }
}
