package io.keyval.kv.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.kv.Key;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.store.JsonValues;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing of the {@code POST /atomic} body (docs/http-api.md §6.1, §6.3). */
class AtomicRequestTest {

    private static AtomicRequest parse(String json) {
        return AtomicRequest.parse(JsonValues.tree(json));
    }

    @Test
    void bothArraysDefaultToEmpty() {
        assertTrue(parse("{}").isEmpty());
        assertTrue(parse("{\"checks\":null,\"mutations\":null}").isEmpty());
    }

    @Test
    void parsesChecksAndEveryMutationType() {
        AtomicRequest r = parse("""
                {"checks":[{"key":["a"],"versionstamp":"00000000000000010000"},{"key":["b"],"versionstamp":null},
                           {"key":["c"]}],
                 "mutations":[{"type":"set","key":["a",{"__type":"uuidv7"}],"value":{"x":1},"expiresIn":"60000"},
                              {"type":"delete","key":["b"]},
                              {"type":"sum","key":["n"],"value":"5","expiresIn":"ignored"},
                              {"type":"max","key":["n"],"value":{"__type":"bigint","value":"7"}},
                              {"type":"min","key":["n"],"value":1.5},
                              {"type":"append","key":["l"],"value":[1]},
                              {"type":"prepend","key":["l"],"value":[]}]}""");
        assertEquals(List.of(new Check(Key.of("a"), "00000000000000010000"), new Check(Key.of("b"), null),
                new Check(Key.of("c"), null)), r.checks());
        assertEquals(List.of(Mutation.Type.SET, Mutation.Type.DELETE, Mutation.Type.SUM, Mutation.Type.MAX,
                Mutation.Type.MIN, Mutation.Type.APPEND, Mutation.Type.PREPEND),
                r.mutations().stream().map(Mutation::type).toList());
        Mutation set = r.mutations().get(0);
        assertTrue(set.key().hasPlaceholder());
        assertEquals(60_000L, set.expiresIn());
        assertNull(r.mutations().get(2).expiresIn(), "expiresIn is honoured only for set");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "[]                                                     | Body must be an object",
        "{\"checks\":{}}                                         | checks must be an array",
        "{\"mutations\":1}                                       | mutations must be an array",
        "{\"checks\":[1]}                                        | Invalid check at index 0: check must be an object",
        "{\"checks\":[{\"key\":[\"a\"],\"versionstamp\":1}]}     | Invalid check at index 0: versionstamp must be a string or null",
        "{\"checks\":[{\"versionstamp\":null}]}                  | Invalid check at index 0: ",
        "{\"checks\":[{\"key\":[{\"$uuidv7\":true}]}]}            | Invalid check at index 0: ",
        "{\"mutations\":[{\"type\":\"inc\",\"key\":[\"a\"]}]}    | Invalid mutation at index 0: Unknown mutation type: inc",
        "{\"mutations\":[{\"key\":[\"a\"]}]}                     | Invalid mutation at index 0: Unknown mutation type",
        "{\"mutations\":[\"set\"]}                               | Invalid mutation at index 0: mutation must be an object",
        "{\"mutations\":[{\"type\":\"set\",\"key\":[]}]}          | Invalid mutation at index 0: ",
        "{\"mutations\":[{\"type\":\"set\",\"key\":[\"a\"]}]}    | Invalid mutation at index 0: set value is required",
        "{\"mutations\":[{\"type\":\"set\",\"key\":[\"a\"],\"value\":1,\"expiresIn\":0}]}      | Invalid mutation at index 0: expiresIn must be a positive",
        "{\"mutations\":[{\"type\":\"set\",\"key\":[\"a\"],\"value\":1,\"expiresIn\":-5}]}     | Invalid mutation at index 0: expiresIn must be a positive",
        "{\"mutations\":[{\"type\":\"set\",\"key\":[\"a\"],\"value\":1,\"expiresIn\":1.5}]}    | Invalid mutation at index 0: expiresIn must be a positive",
        "{\"mutations\":[{\"type\":\"set\",\"key\":[\"a\"],\"value\":1,\"expiresIn\":\"x\"}]}  | Invalid mutation at index 0: expiresIn must be a positive",
        "{\"mutations\":[{\"type\":\"set\",\"key\":[\"a\"],\"value\":1,\"expiresIn\":true}]}   | Invalid mutation at index 0: expiresIn must be a positive",
        "{\"mutations\":[{\"type\":\"delete\",\"key\":[\"a\"]},{\"type\":\"sum\",\"key\":[\"a\"]}]}                   | Invalid mutation at index 1: sum value must be a number, bigint, or numeric string",
        "{\"mutations\":[{\"type\":\"delete\",\"key\":[\"a\"]},{\"type\":\"sum\",\"key\":[\"a\"],\"value\":\"1.5\"}]} | Invalid mutation at index 1: sum value must be a number, bigint, or numeric string",
        "{\"mutations\":[{\"type\":\"max\",\"key\":[\"a\"],\"value\":\"12abc\"}]}               | Invalid mutation at index 0: max value must be a number, bigint, or numeric string",
        "{\"mutations\":[{\"type\":\"min\",\"key\":[\"a\"],\"value\":true}]}                   | Invalid mutation at index 0: min value must be a number, bigint, or numeric string",
        "{\"mutations\":[{\"type\":\"min\",\"key\":[\"a\"],\"value\":null}]}                   | Invalid mutation at index 0: min value must be a number, bigint, or numeric string",
        "{\"mutations\":[{\"type\":\"sum\",\"key\":[\"a\"],\"value\":[1]}]}                    | Invalid mutation at index 0: sum value must be a number, bigint, or numeric string",
        "{\"mutations\":[{\"type\":\"sum\",\"key\":[\"a\"],\"value\":{\"__type\":\"bigint\",\"value\":\"x\"}}]} | Invalid mutation at index 0: sum value must be a number, bigint, or numeric string",
        "{\"mutations\":[{\"type\":\"sum\",\"key\":[\"a\"],\"value\":1e999999999}]}            | Invalid mutation at index 0: sum value must be a number, bigint, or numeric string",
        "{\"mutations\":[{\"type\":\"append\",\"key\":[\"a\"],\"value\":{\"0\":1}}]}           | Invalid mutation at index 0: append value must be an array",
        "{\"mutations\":[{\"type\":\"prepend\",\"key\":[\"a\"],\"value\":\"[1]\"}]}            | Invalid mutation at index 0: prepend value must be an array",
    })
    void rejects(String body, String message) {
        KvValidationException e = assertThrows(KvValidationException.class, () -> parse(body));
        assertTrue(e.getMessage().startsWith(message.strip()), e.getMessage());
    }

    @Test
    void limitsAreAThousandChecksAndAThousandMutations() {
        String mutation = "{\"type\":\"delete\",\"key\":[\"a\"]}";
        String check = "{\"key\":[\"a\"],\"versionstamp\":null}";
        assertEquals(1000, parse("{\"mutations\":[" + String.join(",", Collections.nCopies(1000, mutation)) + "]}")
                .mutations().size());
        KvValidationException e = assertThrows(KvValidationException.class,
                () -> parse("{\"mutations\":[" + String.join(",", Collections.nCopies(1001, mutation)) + "]}"));
        assertEquals("Too many mutations (max 1000)", e.getMessage());
        assertEquals(1000, parse("{\"checks\":[" + String.join(",", Collections.nCopies(1000, check)) + "]}")
                .checks().size());
        e = assertThrows(KvValidationException.class,
                () -> parse("{\"checks\":[" + String.join(",", Collections.nCopies(1001, check)) + "]}"));
        assertEquals("Too many checks (max 1000)", e.getMessage());
    }
}
