package io.keyval.kv.where;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.keyval.kv.KvValidationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * One matrix of filters and the exact ids they must match, run against a real engine by each
 * subclass; both engines must agree with the same expectations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractWhereEngineTest {

    /** A filter (lenient JSON) and the ids it must match. */
    record Case(String filter, Set<String> expected) {
    }

    static final long NOW = 1_700_000_000_000L;

    /** Lenient JSON (single quotes) keeps the rows and filters below readable. */
    static final ObjectMapper LENIENT = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).build();

    /** id, then the value in lenient JSON; stored as Jackson's canonical JSON text. */
    private static final String ROWS = """
            n_int      {'v': 1}
            n_real     {'v': 1.0}
            n_neg      {'v': -2.5}
            n_zero     {'v': 0}
            n_big      {'v': 12345678901234567890}
            s_one      {'v': '1'}
            s_abc      {'v': 'abc'}
            s_empty    {'v': ''}
            s_emptyarr {'v': '[]'}
            s_pct      {'v': '50% off_now'}
            s_quote    {'v': "' OR 1=1 --"}
            s_unicode  {'v': 'Straße ÉCOLE Σίσυφος'}
            s_turk     {'v': 'İstanbul'}
            s_supp     {'v': '😀x'}
            s_fffd     {'v': '\uFFFD'}
            b_true     {'v': true}
            b_false    {'v': false}
            j_null     {'v': null}
            a_empty    {'v': []}
            a_nums     {'v': [1, 2, 3]}
            o_empty    {'v': {}}
            o_obj      {'v': {'x': 1}}
            big_tag    {'v': {'__type': 'bigint', 'value': '12345678901234567890123'}}
            big_small  {'v': {'__type': 'bigint', 'value': '-5'}}
            missing    {'w': 1}
            bare_str   'just a string'
            bare_num   42
            bare_arr   [10, {'p': 'q'}]
            nested     {'a': {'b': [[0, {'c': 'deep'}]]}, 'items': [{'price': 9.99}, {'price': 20}]}
            weird_keys {'a\\\\b': 2, 'é ü': 3, 'k': {'$x': 4, 'with space': 5}}
            alice      {'name': 'Alice', 'age': 30, 'status': 'active', 'profile': {'verified': true, 'city': 'Zürich'}, 'items': [{'price': 10}, {'price': 20.5}]}
            bob        {'name': 'bob', 'age': 25, 'status': 'inactive', 'profile': {'verified': false}, 'suspended': true, 'items': []}
            carol      {'name': 'CAROL', 'age': '30', 'status': 'active', 'profile': null, 'suspended': false}
            t_past     {'t': 1699999999000}
            t_future   {'t': 1700000001000}
            nul        {'z': 'a\\u0000b', 'w': 2}
            esc        {'z': 'x\\\\u0000y'}
            """;

    static final Map<String, String> VALUES = parseRows();
    static final Set<String> ALL = Set.copyOf(VALUES.keySet());
    /** Rows without a {@code v} field (or not objects at all). */
    static final Set<String> V_MISSING = Set.of("missing", "bare_str", "bare_num", "bare_arr", "nested",
            "weird_keys", "alice", "bob", "carol", "t_past", "t_future", "nul", "esc");
    static final Set<String> V_MISSING_OR_NULL = union(V_MISSING, Set.of("j_null"));
    static final Set<String> V_STRINGS = Set.of("s_one", "s_abc", "s_empty", "s_emptyarr", "s_pct", "s_quote",
            "s_unicode", "s_turk", "s_supp", "s_fffd");
    static final Set<String> V_EMPTY = union(V_MISSING_OR_NULL, Set.of("s_empty", "a_empty"));
    static final Set<String> V_POSITIVE = Set.of("n_int", "n_real", "n_big", "big_tag");

    /** @return a connection with an empty {@code kv_entries(id, value)} table, or abort the tests */
    abstract Connection openConnection() throws SQLException;

    abstract WhereDialect dialect();

    /** @return the INSERT statement for (id, JSON text) */
    abstract String insertSql();

    /** @return whether PostgreSQL-only bound types (BigDecimal) are acceptable */
    abstract boolean allowsBigDecimal();

    Connection connection;

    @BeforeAll
    void createRows() throws SQLException {
        connection = openConnection();
        try (PreparedStatement insert = connection.prepareStatement(insertSql())) {
            for (Map.Entry<String, String> row : VALUES.entrySet()) {
                insert.setString(1, row.getKey());
                insert.setString(2, row.getValue());
                insert.executeUpdate();
            }
        }
    }

    @AfterAll
    void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        // equality: kinds must match, 1 == 1.0, true != 1, bigint tags are numbers
        c.add(only("{'v': 1}", "n_int", "n_real"));
        c.add(only("{'v': {'$eq': 1.0}}", "n_int", "n_real"));
        c.add(only("{'v': '1'}", "s_one"));
        c.add(only("{'v': true}", "b_true"));
        c.add(only("{'v': false}", "b_false"));
        c.add(only("{'v': 0}", "n_zero"));
        c.add(only("{'v': '[]'}", "s_emptyarr"));
        c.add(only("{'v': \"{\\\"x\\\":1}\"}"));
        c.add(expect("{'v': null}", V_MISSING_OR_NULL));
        c.add(expect("{'v': {'$eq': null}}", V_MISSING_OR_NULL));
        c.add(allExcept("{'v': {'$ne': null}}", V_MISSING_OR_NULL));
        c.add(allExcept("{'v': {'$ne': 1}}", Set.of("n_int", "n_real")));
        c.add(allExcept("{'v': {'$ne': 'abc'}}", Set.of("s_abc")));
        c.add(only("{'v': {'$eq': -5}}", "big_small"));
        c.add(only("{'v': {'__type': 'bigint', 'value': '12345678901234567890123'}}", "big_tag"));
        c.add(only("{'v': {'$eq': {'__type': 'bigint', 'value': '1'}}}", "n_int", "n_real"));
        c.add(only("{'v': {'$gt': {'__type': 'bigint', 'value': '12345678901234567890'}}}", "big_tag"));
        c.add(only("{'v': {'$gte': 12345678901234567890}}", "n_big", "big_tag"));
        // ordering: numbers with numbers, strings with strings in code-point order, else FALSE
        c.add(expect("{'v': {'$gt': 0}}", V_POSITIVE));
        c.add(only("{'v': {'$lt': 0}}", "n_neg", "big_small"));
        c.add(only("{'v': {'$lte': 1}}", "n_int", "n_real", "n_neg", "n_zero", "big_small"));
        c.add(only("{'v': {'$gt': 'a'}}", "s_abc", "s_supp", "s_fffd", "s_turk"));
        c.add(only("{'v': {'$gt': '\uFFFD'}}", "s_supp"));
        c.add(only("{'v': {'$lt': '1'}}", "s_empty", "s_quote"));
        c.add(only("{'v': {'$between': [0, 1]}}", "n_int", "n_real", "n_zero"));
        c.add(only("{'v': {'$between': ['a', 'b']}}", "s_abc"));
        c.add(only("{'v': {'$between': [1, 'z']}}"));
        c.add(only("{'v': {'$gt': 0, '$lt': 2}}", "n_int", "n_real"));
        c.add(only("{'age': {'$gte': 30}}", "alice"));
        // $in / $nin
        c.add(only("{'v': {'$in': [1, 'abc', true]}}", "n_int", "n_real", "s_abc", "b_true"));
        c.add(only("{'v': {'$in': []}}"));
        c.add(expect("{'v': {'$in': [null, 0]}}", union(V_MISSING_OR_NULL, Set.of("n_zero"))));
        c.add(allExcept("{'v': {'$nin': [1, 'abc', true]}}", Set.of("n_int", "n_real", "s_abc", "b_true")));
        c.add(expect("{'v': {'$nin': []}}", ALL));
        c.add(allExcept("{'v': {'$nin': [null]}}", V_MISSING_OR_NULL));
        // string operators: literal, case-sensitive, strings only
        c.add(only("{'v': {'$contains': '%'}}", "s_pct"));
        c.add(only("{'v': {'$contains': '_'}}", "s_pct"));
        c.add(only("{'v': {'$startsWith': '%'}}"));
        c.add(only("{'v': \"' OR 1=1 --\"}", "s_quote"));
        c.add(only("{'v': {'$contains': \"' OR 1=1 --\"}}", "s_quote"));
        c.add(only("{'v': {'$startsWith': 'ab'}}", "s_abc"));
        c.add(only("{'v': {'$startsWith': 'AB'}}"));
        c.add(only("{'v': {'$endsWith': 'bc'}}", "s_abc"));
        c.add(only("{'v': {'$endsWith': 'abcd'}}"));
        c.add(only("{'v': {'$endsWith': 'x'}}", "s_supp"));
        c.add(expect("{'v': {'$contains': ''}}", V_STRINGS));
        c.add(only("{'v': {'$contains': '1'}}", "s_one", "s_quote"));
        c.add(allExcept("{'v': {'$notContains': 'b'}}", Set.of("s_abc", "s_turk")));
        c.add(allExcept("{'v': {'$notContains': ''}}", V_STRINGS));
        // case-insensitive: full Unicode lower-casing (É, final sigma, dotted İ)
        c.add(only("{'v': {'$containsi': 'école'}}", "s_unicode"));
        c.add(only("{'v': {'$containsi': 'ABC'}}", "s_abc"));
        c.add(only("{'v': {'$startsWithi': 'STRAßE'}}", "s_unicode"));
        c.add(only("{'v': {'$startsWithi': 'STRASSE'}}"));
        c.add(only("{'v': {'$endsWithi': 'ΣΊΣΥΦΟΣ'}}", "s_unicode"));
        c.add(only("{'v': {'$startsWithi': 'İST'}}", "s_turk"));
        c.add(only("{'v': {'$startsWithi': 'ist'}}"));
        c.add(only("{'v': {'$endsWithi': 'X'}}", "s_supp"));
        c.add(only("{'v': {'$containsi': '1'}}", "s_one", "s_quote"));
        c.add(allExcept("{'v': {'$notContainsi': 'ABC'}}", Set.of("s_abc")));
        c.add(only("{'profile.city': {'$containsi': 'ZÜRICH'}}", "alice"));
        // $null / $empty / $notEmpty
        c.add(expect("{'v': {'$null': true}}", V_MISSING_OR_NULL));
        c.add(allExcept("{'v': {'$null': false}}", V_MISSING_OR_NULL));
        c.add(expect("{'v': {'$empty': true}}", V_EMPTY));
        c.add(allExcept("{'v': {'$empty': false}}", V_EMPTY));
        c.add(allExcept("{'v': {'$notEmpty': true}}", V_EMPTY));
        c.add(expect("{'v': {'$notEmpty': false}}", V_EMPTY));
        c.add(allExcept("{'profile': null}", Set.of("alice", "bob")));
        // logic
        c.add(expect("{}", ALL));
        c.add(expect("{'$and': []}", ALL));
        c.add(only("{'$or': []}"));
        c.add(expect("{'$or': [{'$and': []}, {'v': 1}]}", ALL));
        c.add(only("{'$or': [{'v': 1}, {'v': 'abc'}]}", "n_int", "n_real", "s_abc"));
        c.add(allExcept("{'$not': {'suspended': true}}", Set.of("bob")));
        c.add(allExcept("{'$not': {'v': {'$gt': 0}}}", V_POSITIVE));
        c.add(allExcept("{'$not': {'$or': [{'v': null}, {'v': {'$in': [1]}}]}}",
                union(V_MISSING_OR_NULL, Set.of("n_int", "n_real"))));
        c.add(only("{'$and': [{'status': 'active'}, {'age': {'$gte': 30}}]}", "alice"));
        c.add(only("{'status': 'active', 'profile.verified': true}", "alice"));
        c.add(only("{'$not': {'$not': {'suspended': true}}}", "bob"));
        // paths
        c.add(only("{'items[0].price': 10}", "alice"));
        c.add(only("{'items[1].price': {'$gte': 20}}", "alice", "nested"));
        c.add(only("{'a.b[0][1].c': 'deep'}", "nested"));
        c.add(only("{'$.a.b[0][0]': 0}", "nested"));
        c.add(only("{'$': 'just a string'}", "bare_str"));
        c.add(only("{'$': 42}", "bare_num"));
        c.add(only("{'$[0]': 10}", "bare_arr"));
        c.add(only("{'$[1].p': 'q'}", "bare_arr"));
        c.add(only("{'v[1]': 2}", "a_nums"));
        c.add(only("{'v.x': 1}", "o_obj"));
        c.add(only("{'a\\\\b': 2}", "weird_keys"));
        c.add(only("{'é ü': 3}", "weird_keys"));
        c.add(only("{'k.$x': 4, 'k.with space': 5}", "weird_keys"));
        c.add(only("{'name': {'$startsWith': 'A'}}", "alice"));
        // $now
        c.add(only("{'t': {'$lt': {'$now': true}}}", "t_past"));
        c.add(only("{'t': {'$gt': {'$now': true, '$offset': 500}}}", "t_future"));
        c.add(only("{'t': {'$gt': {'$now': true, 'offset': 1500}}}"));
        c.add(only("{'t': {'$gt': {'$now': true, 'offset': 1500, '$offset': 0}}}", "t_future"));
        c.add(only("{'t': {'$eq': {'$now': true, '$offset': -1000}}}", "t_past"));
        c.add(only("{'t': {'$in': [{'$now': true, 'offset': 1000}]}}", "t_future"));
        c.add(only("{'t': {'$between': [{'$now': true, '$offset': -2000}, {'$now': true}]}}", "t_past"));
        c.add(only("{'t': {'$now': true, '$offset': 1000}}", "t_future"));
        c.add(allExcept("{'t': {'$ne': {'$now': true, '$offset': 1000}}}", Set.of("t_future")));
        // documents holding U+0000 (PostgreSQL json cannot de-escape it) and a literal backslash-u0000
        c.add(only("{'w': 2}", "nul"));
        c.add(only("{'z': {'$startsWith': 'a'}}", "nul"));
        c.add(only("{'z': 'x\\\\u0000y'}", "esc"));
        return c;
    }

    @TestFactory
    Stream<DynamicTest> matrix() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.filter(),
                () -> assertEquals(new TreeSet<>(c.expected()), matching(c.filter()), c.filter())));
    }

    @Test
    void hostileOperandsAreLiteralAndTheTableSurvives() throws Exception {
        for (String hostile : List.of("'); DROP TABLE kv_entries;--", "' OR 1=1 --", "%", "_", "\\", "\"", "?")) {
            String filter = LENIENT.writeValueAsString(Map.of("$or", List.of(
                    Map.of("v", hostile), Map.of("v", Map.of("$contains", hostile)),
                    Map.of("v", Map.of("$endsWithi", hostile)), Map.of("v", Map.of("$gt", hostile)))));
            Set<String> rows = matching(filter);
            assertTrue(rows.stream().allMatch(V_STRINGS::contains), filter + " -> " + rows);
        }
        for (String path : List.of("a'); DROP TABLE kv_entries;--", "a\"b", "a]", "a\u0000b", "v\n", "$x')--")) {
            JsonNode filter = LENIENT.createObjectNode().put(path, 1);
            assertThrows(KvValidationException.class, () -> WhereCompiler.compile(filter, NOW, dialect()), path);
        }
        assertEquals(ALL.size(), matching("{}").size());
    }

    @Test
    void filtersAtTheSizeLimitCompileAndRunOnTheEngine() throws Exception {
        // An $or of 999 members (1,000 terms): a flat chain would exceed SQLite's expression depth of 1,000.
        String wideOr = "{'$or': [" + String.join(", ", java.util.Collections.nCopies(998, "{'v': 5}")) + ", {'v': 'abc'}]}";
        assertEquals(Set.of("s_abc"), matching(wideOr));
        // 1,000 implicit-AND fields, each a negation that matches missing fields.
        StringBuilder wideAnd = new StringBuilder("{");
        for (int i = 0; i < 1000; i++) {
            wideAnd.append(i == 0 ? "" : ", ").append("'f").append(i).append("': {'$ne': 1}");
        }
        assertEquals(ALL, matching(wideAnd.append("}").toString()));
        // A list of 1,000 literals is at most three alternatives, not a chain of 1,000.
        String literals = "{'v': {'$nin': [" + String.join(", ", java.util.Collections.nCopies(500, "null, true")) + "]}}";
        assertEquals(ALL.size() - V_MISSING_OR_NULL.size() - 1, matching(literals).size());
        // Many parameters: 1,000 tests on the deepest path.
        String deep = "a" + ".a".repeat(FieldPath.MAX_SEGMENTS - 1);
        String widest = "{'$or': [" + String.join(", ", java.util.Collections.nCopies(999,
                "{'" + deep + "': {'$empty': true}}")) + "]}";
        assertEquals(ALL, matching(widest));
    }

    @Test
    void numbersBeyondADoubleAreRejectedWhateverTheDialect() {
        ObjectMapper exact = JsonMapper.builder().enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
        for (String filter : List.of("{'v': {'$gt': 1e999999999}}", "{'v': {'$lt': 1e999999999}}",
                "{'v': {'$gte': 1e-16384}}", "{'v': 1e400}", "{'v': {'$in': [0, -1e400]}}",
                "{'v': {'$gt': {'__type': 'bigint', 'value': '" + "9".repeat(309) + "'}}}",
                "{'v': {'$gt': {'$now': true, '$offset': 1e309}}}")) {
            KvValidationException e = assertThrows(KvValidationException.class,
                    () -> WhereCompiler.compile(exact.readTree(filter), NOW, dialect()), filter);
            assertTrue(e.getMessage().contains("out of range"), e.getMessage());
        }
    }

    @Test
    void boundParametersHaveAllowedTypes() {
        for (Case c : cases()) {
            for (Object param : compile(c.filter()).params()) {
                boolean allowed = param instanceof String || param instanceof Long || param instanceof Integer
                        || param instanceof Double || (allowsBigDecimal() && param instanceof java.math.BigDecimal);
                assertTrue(allowed, c.filter() + " binds " + param.getClass());
            }
        }
    }

    Set<String> matching(String filter) throws SQLException {
        SqlFragment where = compile(filter);
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT id FROM kv_entries WHERE " + where.sql() + " ORDER BY id")) {
            for (int i = 0; i < where.params().size(); i++) {
                query.setObject(i + 1, where.params().get(i));
            }
            Set<String> ids = new TreeSet<>();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }

    SqlFragment compile(String filter) {
        try {
            return WhereCompiler.compile(LENIENT.readTree(filter), NOW, dialect());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(filter, e);
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Map<String, String> parseRows() {
        Map<String, String> rows = new LinkedHashMap<>();
        for (String line : ROWS.strip().split("\n")) {
            String[] idAndValue = line.strip().split("\\s+", 2);
            try {
                rows.put(idAndValue[0], new ObjectMapper().writeValueAsString(LENIENT.readTree(idAndValue[1])));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(line, e);
            }
        }
        return rows;
    }

    private static Case only(String filter, String... ids) {
        return expect(filter, Set.of(ids));
    }

    private static Case expect(String filter, Set<String> ids) {
        return new Case(filter, ids);
    }

    private static Case allExcept(String filter, Set<String> ids) {
        Set<String> rest = new TreeSet<>(ALL);
        rest.removeAll(ids);
        return expect(filter, rest);
    }

    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return all;
    }
}
