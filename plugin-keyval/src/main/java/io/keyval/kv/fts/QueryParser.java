package io.keyval.kv.fts;

import io.keyval.kv.KvValidationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the query syntax of the search endpoints: terms (implicitly ANDed), {@code AND}, {@code OR},
 * {@code NOT} (upper case; {@code NOT} binds tightest, then {@code AND}, then {@code OR}, as in
 * FTS5), parentheses, {@code "phrases"} ({@code ""} is a quote inside one) and prefix terms
 * ({@code run*}, {@code "new yor"*}). Everything else is a {@link KvValidationException} that says
 * what to change: FTS5's {@code NEAR}, column filters, {@code ^}, {@code +}, punctuation outside
 * quotes, control characters, unbalanced quotes or parentheses, queries too long or too deeply
 * nested.
 */
public final class QueryParser {

    /** The longest query, in characters. */
    public static final int MAX_LENGTH = 4096;
    /** The most terms and phrases in one query. */
    public static final int MAX_TERMS = 64;
    /** The deepest nesting of parentheses. */
    public static final int MAX_DEPTH = 16;

    private enum Kind { WORD, PHRASE, AND, OR, NOT, OPEN, CLOSE, END }

    private record Token(Kind kind, String text, boolean prefix, int at) {
    }

    private final List<Token> tokens;
    private int next;
    private int depth;
    private int terms;

    private QueryParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /**
     * @param query the query text
     * @return its tree
     * @throws KvValidationException when the query is outside the supported syntax
     */
    public static SearchQuery parse(String query) {
        if (query == null || query.isBlank()) {
            throw invalid("the query is empty");
        }
        if (query.length() > MAX_LENGTH) {
            throw invalid("the query is " + query.length() + " characters long; the most is " + MAX_LENGTH);
        }
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (Character.isISOControl(c) && !Character.isWhitespace(c)) {
                throw invalid(String.format("control character U+%04X at position %d", (int) c, i + 1));
            }
        }
        QueryParser parser = new QueryParser(lex(query));
        SearchQuery tree = parser.or();
        Token end = parser.peek();
        if (end.kind == Kind.CLOSE) {
            throw invalid("unbalanced parentheses: the ')' at position " + (end.at + 1) + " closes nothing");
        }
        return tree;
    }

    private SearchQuery or() {
        List<SearchQuery> parts = new ArrayList<>(List.of(and()));
        while (peek().kind == Kind.OR) {
            next++;
            parts.add(and());
        }
        return parts.size() == 1 ? parts.get(0) : new SearchQuery.Or(parts);
    }

    private SearchQuery and() {
        List<SearchQuery> parts = new ArrayList<>(List.of(not()));
        while (true) {
            Kind k = peek().kind;
            if (k == Kind.AND) {
                next++;
            } else if (k != Kind.WORD && k != Kind.PHRASE && k != Kind.OPEN) {
                break;
            }
            parts.add(not());
        }
        return parts.size() == 1 ? parts.get(0) : new SearchQuery.And(parts);
    }

    private SearchQuery not() {
        SearchQuery left = primary();
        while (peek().kind == Kind.NOT) {
            next++;
            left = new SearchQuery.Not(left, primary());
        }
        return left;
    }

    private SearchQuery primary() {
        Token t = tokens.get(next++);
        switch (t.kind) {
            case WORD, PHRASE -> {
                if (++terms > MAX_TERMS) {
                    throw invalid("the query has more than " + MAX_TERMS + " terms");
                }
                return new SearchQuery.Phrase(t.text, t.prefix);
            }
            case OPEN -> {
                if (++depth > MAX_DEPTH) {
                    throw invalid("parentheses are nested more than " + MAX_DEPTH + " deep");
                }
                SearchQuery inner = or();
                Token close = tokens.get(next++);
                if (close.kind != Kind.CLOSE) {
                    throw invalid("unbalanced parentheses: the '(' at position " + (t.at + 1) + " is never closed");
                }
                depth--;
                return inner;
            }
            case CLOSE -> throw invalid(next == 1 || tokens.get(next - 2).kind == Kind.OPEN
                    ? "empty parentheses at position " + (t.at + 1)
                    : "the ')' at position " + (t.at + 1) + " follows an operator; a term is missing before it");
            case END -> throw invalid("the query ends where a term is expected"
                    + (next >= 2 ? " after '" + tokens.get(next - 2).text + "'" : ""));
            default -> throw invalid("'" + t.text + "' at position " + (t.at + 1)
                    + " needs a term on its left (write: a " + t.text + " b)");
        }
    }

    private Token peek() {
        return tokens.get(next);
    }

    private static List<Token> lex(String q) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = q.length();
        while (i < n) {
            char c = q.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')') {
                out.add(new Token(c == '(' ? Kind.OPEN : Kind.CLOSE, String.valueOf(c), false, i));
                i++;
            } else if (c == '"') {
                i = phrase(q, i, out);
            } else {
                i = word(q, i, out);
            }
        }
        out.add(new Token(Kind.END, "", false, n));
        return out;
    }

    /** Reads a quoted phrase starting at {@code start}; returns the index after it. */
    private static int phrase(String q, int start, List<Token> out) {
        StringBuilder text = new StringBuilder();
        int i = start + 1;
        while (true) {
            if (i >= q.length()) {
                throw invalid("unbalanced quotes: the '\"' at position " + (start + 1) + " is never closed");
            }
            char c = q.charAt(i++);
            if (c == '"') {
                if (i < q.length() && q.charAt(i) == '"') {
                    text.append('"');
                    i++;
                } else {
                    break;
                }
            } else {
                text.append(c);
            }
        }
        boolean prefix = i < q.length() && q.charAt(i) == '*';
        out.add(new Token(Kind.PHRASE, text.toString(), prefix, start));
        return prefix ? i + 1 : i;
    }

    /** Reads a bare word or operator starting at {@code start}; returns the index after it. */
    private static int word(String q, int start, List<Token> out) {
        int i = start;
        while (i < q.length() && !Character.isWhitespace(q.charAt(i)) && "()\"".indexOf(q.charAt(i)) < 0) {
            i++;
        }
        String w = q.substring(start, i);
        switch (w) {
            case "AND" -> out.add(new Token(Kind.AND, w, false, start));
            case "OR" -> out.add(new Token(Kind.OR, w, false, start));
            case "NOT" -> out.add(new Token(Kind.NOT, w, false, start));
            case "NEAR" -> throw invalid("NEAR is not supported; use a \"quoted phrase\" or AND");
            default -> {
                boolean prefix = w.endsWith("*");
                String term = prefix ? w.substring(0, w.length() - 1) : w;
                checkBareWord(w, term, start);
                out.add(new Token(Kind.WORD, term, prefix, start));
            }
        }
        return i;
    }

    private static void checkBareWord(String word, String term, int at) {
        if (term.isEmpty()) {
            throw invalid("'*' at position " + (at + 1) + " must follow the start of a term (run*)");
        }
        for (int i = 0; i < term.length(); i++) {
            char c = term.charAt(i);
            if (c >= 0x80 || Character.isLetterOrDigit(c) || c == '_') {
                continue;
            }
            String where = " in '" + word + "' at position " + (at + i + 1);
            throw invalid(switch (c) {
                case ':' -> "column filters are not supported (':'" + where + "): terms match every indexed field";
                case '^' -> "'^'" + where + " is not supported";
                case '*' -> "'*'" + where + " may only end a prefix term (run*)";
                default -> "'" + c + "'" + where + " is not allowed outside quotes; to search for it, write the text"
                        + " as a \"quoted phrase\"";
            });
        }
    }

    private static KvValidationException invalid(String detail) {
        return new KvValidationException("Invalid search query: " + detail);
    }
}
