package io.keyval.kv.atomic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.store.JsonValues;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The storage-free value rules of docs/http-api.md §6.3. */
class MutationSemanticsTest {

    private static String combine(String type, String existing, String operand) {
        Mutation.Type t = Mutation.Type.fromWire(type);
        JsonNode result = MutationSemantics.combine(t,
                existing == null ? null : JsonValues.tree(existing), JsonValues.tree(operand));
        return JsonValues.write(result);
    }

    @ParameterizedTest(name = "{0}: {1} op {2} = {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", value = {
        "sum | -    | 1.9   | 1",
        "sum | -    | -1.9  | -1",
        "sum | -    | \" 42 \" | 42",
        "sum | -    | \"+7\"  | 7",
        "sum | null | 3     | 3",
        "sum | 0.1  | 1     | 1.1",
        "sum | 1E+2 | 1     | 101",
        "sum | 9007199254740991 | 9007199254740991 | 18014398509481982",
        "sum | {\"__type\":\"bigint\",\"value\":\"18446744073709551616\"} | {\"__type\":\"bigint\",\"value\":\"-18446744073709551617\"} | {\"__type\":\"bigint\",\"value\":\"-1\"}",
        "sum | {\"__type\":\"bigint\",\"value\":18446744073709551616} | 1 | {\"__type\":\"bigint\",\"value\":\"18446744073709551617\"}",
        "max | -2.5 | -3    | -2.5",
        "max | -2.5 | -2    | -2",
        "min | {\"__type\":\"bigint\",\"value\":\"5\"} | \"-99999999999999999999\" | {\"__type\":\"bigint\",\"value\":\"-99999999999999999999\"}",
        "append  | []  | []     | []",
        "prepend | [[1]] | [{\"a\":null}] | [{\"a\":null},[1]]",
    })
    void combines(String type, String existing, String operand, String expected) {
        assertEquals(expected, combine(type, existing, operand));
    }

    @Test
    void theIntegerFastPathGivesWhatTheGeneralRulesGive() {
        java.util.Random random = new java.util.Random(42);
        long[] magnitudes = {9, 999, 9_007_199_254_740_991L, 999_999_999_999_999_999L};
        int fast = 0;
        for (int i = 0; i < 20_000; i++) {
            long existing = random.nextLong() % (magnitudes[random.nextInt(magnitudes.length)] + 1);
            long operand = random.nextLong() % (magnitudes[random.nextInt(magnitudes.length)] + 1);
            for (Mutation.Type type : new Mutation.Type[] {Mutation.Type.SUM, Mutation.Type.MAX, Mutation.Type.MIN}) {
                String stored = Long.toString(existing);
                JsonNode op = JsonValues.tree(Long.toString(operand));
                String result = MutationSemantics.combineIntegers(type, stored, op);
                if (result == null) {
                    continue; // the general rules decide (an operand beyond 2^53-1 is an error there)
                }
                fast++;
                assertEquals(JsonValues.write(MutationSemantics.combine(type, JsonValues.tree(stored), op)), result,
                        type + " " + stored + " " + operand);
            }
        }
        assertTrue(fast > 10_000, fast + " fast results");
    }

    @Test
    void theIntegerFastPathLeavesEveryOtherCaseToTheGeneralRules() {
        JsonNode one = JsonValues.tree("1");
        for (String stored : new String[] {"1.0", "1E+2", "-", "", "\"5\"", "null", "[1]", "1234567890123456789",
                "{\"__type\":\"bigint\",\"value\":\"5\"}"}) {
            assertNull(MutationSemantics.combineIntegers(Mutation.Type.SUM, stored, one), stored);
        }
        for (String operand : new String[] {"1.5", "\"2\"", "9007199254740992", "{\"__type\":\"bigint\",\"value\":\"5\"}"}) {
            assertNull(MutationSemantics.combineIntegers(Mutation.Type.SUM, "5", JsonValues.tree(operand)), operand);
        }
    }

    @Test
    void wrongExistingTypesAreRejected() {
        for (String wrong : new String[] {"\"5\"", "true", "{\"a\":1}", "[1]", "{\"__type\":\"bigint\",\"value\":\"x\"}",
                "{\"__type\":\"bigint\"}"}) {
            assertThrows(KvValidationException.class, () -> combine("sum", wrong, "1"), wrong);
        }
        assertThrows(KvValidationException.class, () -> combine("append", "{\"0\":1}", "[1]"));
        assertThrows(KvValidationException.class, () -> combine("prepend", "5", "[1]"));
    }

    @Test
    void safeIntegerBoundWithoutABigint() {
        String max = MutationSemantics.MAX_SAFE.toString();
        String beyond = MutationSemantics.MAX_SAFE.add(BigInteger.ONE).toString();
        assertEquals(max, combine("sum", null, max));
        assertThrows(KvValidationException.class, () -> combine("sum", null, beyond));
        assertThrows(KvValidationException.class, () -> combine("max", "1", "-" + beyond));
        assertEquals("{\"__type\":\"bigint\",\"value\":\"" + beyond + "\"}",
                combine("sum", "{\"__type\":\"bigint\",\"value\":\"1\"}", max));
    }

    @Test
    void hugeOperandsAreRejectedNotExpanded() {
        assertThrows(KvValidationException.class, () -> combine("sum", "{\"__type\":\"bigint\",\"value\":\"1\"}",
                "\"1" + "0".repeat(700) + "\""));
        assertThrows(KvValidationException.class, () -> combine("sum", "{\"__type\":\"bigint\",\"value\":\"1\"}",
                "1e999999999"));
    }
}
