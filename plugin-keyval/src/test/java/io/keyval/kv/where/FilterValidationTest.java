package io.keyval.kv.where;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyval.kv.KvValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every rejection rule of docs/http-api.md §5.1–5.6 and the field-path grammar, with its message. */
class FilterValidationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            []                                                 | filter must be a JSON object
            {'$foo': 1}                                        | unknown operator '$foo'
            {'$nor': []}                                       | unknown operator '$nor'
            {'v': {'$regex': 'x'}}                             | unknown operator '$regex' on field 'v'
            {'v': {'$eq': 1, '$exists': true}}                 | unknown operator '$exists' on field 'v'
            {'v': [1, 2]}                                      | field 'v': an array is not a valid value
            {'profile': {'verified': false}}                   | field 'profile': object value is neither an operator object
            {'v': {'$gt': 1, 'x': 2}}                          | field 'v': object value is neither an operator object
            {'v': {}}                                          | field 'v': empty operator object
            {'$and': {}}                                       | $and must be an array
            {'$or': 'x'}                                       | $or must be an array
            {'$and': [1]}                                      | $and[0] must be an object
            {'$or': [{}, []]}                                  | $or[1] must be an object
            {'$not': []}                                       | $not must be an object
            {'$not': {'v': {'$bad': 1}}}                       | unknown operator '$bad'
            {'v': {'$eq': [1]}}                                | field 'v' $eq: expected a scalar
            {'v': {'$ne': {'a': 1}}}                           | field 'v' $ne: expected a scalar
            {'v': {'$gt': true}}                               | field 'v' $gt expects a number, string, $now or bigint operand
            {'v': {'$lte': null}}                              | field 'v' $lte expects a number, string
            {'v': {'$between': [1]}}                           | field 'v' $between expects a 2-element array
            {'v': {'$between': 1}}                             | field 'v' $between expects a 2-element array
            {'v': {'$between': [1, false]}}                    | field 'v' $between expects a number, string
            {'v': {'$in': 1}}                                  | field 'v' $in expects an array of scalars
            {'v': {'$nin': [[1]]}}                             | field 'v' $nin[0]: expected a scalar
            {'v': {'$contains': 1}}                            | field 'v' $contains expects a string
            {'v': {'$endsWithi': null}}                        | field 'v' $endsWithi expects a string
            {'v': {'$null': 'yes'}}                            | field 'v' $null expects true or false
            {'v': {'$empty': 1}}                               | field 'v' $empty expects true or false
            {'v': {'$notEmpty': null}}                         | field 'v' $notEmpty expects true or false
            {'v': {'$now': false}}                             | field 'v': $now must be true
            {'v': {'$now': 'true'}}                            | field 'v': $now must be true
            {'v': {'$gt': {'$now': true, '$offset': '1h'}}}    | field 'v' $gt: $now offset must be a number
            {'v': {'$now': true, 'x': 1}}                      | field 'v': unexpected member 'x' in $now
            {'v': {'$offset': 5}}                              | unknown operator '$offset'
            {'v': {'__type': 'bigint', 'value': '1.5'}}        | field 'v': a bigint tag must be
            {'v': {'__type': 'bigint', 'value': 5}}            | field 'v': a bigint tag must be
            {'v': {'__type': 'date', 'value': '5'}}            | field 'v': a bigint tag must be
            {'v': {'__type': 'bigint', 'value': '5', 'x': 1}}  | field 'v': a bigint tag must be
            {'v': {'$in': [{'__type': 'bigint'}]}}             | field 'v' $in[0]: a bigint tag must be
            """)
    void rejects(String filter, String detail) throws Exception {
        assertRejected(AbstractWhereEngineTest.LENIENT.readTree(filter), detail);
    }

    @ParameterizedTest(name = "path [{0}]")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                                | field path must not be empty
            a..b                              | empty member name at position 2
            .a                                | empty member name at position 0
            a.                                | empty member name at position 2
            [0]                               | empty member name at position 0
            a[                                | array index must be [digits]
            a[x]                              | array index must be [digits]
            a[-1]                             | array index must be [digits]
            a[1                               | array index must be [digits]
            a[01]                             | array index [01] out of range
            a[1234567890]                     | array index [1234567890] out of range
            a]                                | character ']' not allowed
            a"b                               | character '"' not allowed
            a'b                               | character ''' not allowed
            a'); DROP TABLE kv_entries;--     | character ''' not allowed
            a[0]b                             | unexpected 'b' at position 4
            $.                                | empty member name at position 2
            $a                                | unknown operator '$a'
            $[0]x                             | unexpected 'x' at position 4
            """)
    void rejectsFieldPaths(String path, String detail) {
        assertRejected(AbstractWhereEngineTest.LENIENT.createObjectNode().put(path, 1), detail);
    }

    @Test
    void rejectsControlCharactersInPaths() {
        for (String path : List.of("a\u0000b", "a\nb", "a\u007Fb", "a\u0085b", "x.\tb")) {
            assertRejected(AbstractWhereEngineTest.LENIENT.createObjectNode().put(path, 1), "not allowed in a member name");
        }
    }

    @Test
    void rejectsNonFiniteNumbersAndExcessiveSize() {
        ObjectNode nan = AbstractWhereEngineTest.LENIENT.createObjectNode();
        nan.putObject("v").put("$gt", Double.NaN);
        assertRejected(nan, "field 'v' $gt: number must be finite");

        ObjectNode big = AbstractWhereEngineTest.LENIENT.createObjectNode();
        ArrayNode values = big.putObject("v").putArray("$in");
        for (int i = 0; i <= 1000; i++) {
            values.add(i);
        }
        assertRejected(big, "field 'v' $in accepts at most 1000 values");

        ObjectNode deep = AbstractWhereEngineTest.LENIENT.createObjectNode();
        ObjectNode level = deep;
        for (int i = 0; i < 100; i++) {
            level = level.putObject("$not");
        }
        assertRejected(deep, "filter nested deeper than 64 levels");
        assertRejected(AbstractWhereEngineTest.LENIENT.createObjectNode().put("a".repeat(1025), 1), "longer than 1024");
    }

    @Test
    void parsesPathGrammar() {
        assertEquals(List.of(new FieldPath.Member("a"), new FieldPath.Member("b"), new FieldPath.Index(2),
                new FieldPath.Index(0), new FieldPath.Member("c")), FieldPath.parse("a.b[2][0].c").segments());
        assertEquals(List.of(), FieldPath.parse("$").segments());
        assertEquals(List.of(new FieldPath.Index(0)), FieldPath.parse("$[0]").segments());
        assertEquals(List.of(new FieldPath.Member("a"), new FieldPath.Member("b")), FieldPath.parse("$.a.b").segments());
        assertEquals(List.of(new FieldPath.Member("é ü$*"), new FieldPath.Member("a\\b")),
                FieldPath.parse("é ü$*.a\\b").segments());
        assertEquals("$.\"a\\\\b\"[3]", SqliteWhereDialect.jsonPath(FieldPath.parse("a\\b[3]")));
    }

    @Test
    void pathsAndOperandsAreBoundNeverInlined() throws Exception {
        String hostile = "x'); DROP TABLE kv_entries;--";
        JsonNode filter = AbstractWhereEngineTest.LENIENT.readTree(
                "{'p q.r': {'$contains': \"" + hostile + "\"}, 'm': \"" + hostile + "\"}");
        for (WhereDialect dialect : List.of(new SqliteWhereDialect(), new PostgresWhereDialect())) {
            SqlFragment sql = WhereCompiler.compile(filter, 0, dialect);
            assertTrue(!sql.sql().contains("DROP") && !sql.sql().contains("p q"), sql.sql());
            assertEquals(sql.sql().chars().filter(c -> c == '?').count(), sql.params().size(), sql.sql());
            assertTrue(sql.params().contains(hostile), sql.params().toString());
        }
    }

    private static void assertRejected(JsonNode filter, String detail) {
        KvValidationException e = assertThrows(KvValidationException.class,
                () -> WhereCompiler.compile(filter, 0, new SqliteWhereDialect()));
        assertTrue(e.getMessage().startsWith("Invalid where filter: "), e.getMessage());
        assertTrue(e.getMessage().contains(detail), e.getMessage() + " should contain: " + detail);
    }
}
