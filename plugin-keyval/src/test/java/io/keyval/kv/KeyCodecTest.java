package io.keyval.kv;

import io.keyval.kv.keys.KeyRange;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.kv.Key;
import io.keyval.kv.testing.RandomKeys;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class KeyCodecTest {

    private static final HexFormat HEX = HexFormat.of();

    private static String hex(Object... parts) {
        return HEX.formatHex(Key.of(parts).toBytes());
    }

    @Test
    void encodesEachPartTypeAsSpecified() {
        assertEquals("01" + "00ff" + "ff" + "00", hex((Object) new byte[] {0x00, (byte) 0xff}));
        assertEquals("02" + "61" + "00ff" + "c3a9" + "f09f9880" + "00", hex("a\u0000\u00e9\ud83d\ude00"));
        assertEquals("03" + "bff0000000000000", hex(1));
        assertEquals("03" + "400fffffffffffff", hex(-1));
        assertEquals("03" + "8000000000000000", hex(0));
        assertEquals("03" + "8000000000000000", hex(-0.0));
        assertEquals("04" + "02" + "00", hex(BigInteger.ZERO));
        assertEquals("04" + "02" + "01" + "01", hex(BigInteger.ONE));
        assertEquals("04" + "02" + "02" + "0100", hex(BigInteger.valueOf(256)));
        assertEquals("04" + "01" + "fe" + "fe", hex(BigInteger.valueOf(-1)));
        assertEquals("04" + "01" + "fd" + "feff", hex(BigInteger.valueOf(-256)));
        assertEquals("0500" + "0501", hex(false, true));
    }

    @Test
    void encodingIsTheConcatenationOfParts() {
        assertEquals(hex("users") + hex(42) + hex(true), hex("users", 42, true));
    }

    @Test
    void rejectsWhatItCannotEncode() {
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.encode(List.of(Key.uuidv7Placeholder())));
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.encode(List.of(BigInteger.ONE.shiftLeft(2040))));
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.encode(List.of(Double.NaN)));
    }

    @Test
    void decodesWhatItEncodes() {
        RandomKeys random = new RandomKeys(5L);
        for (int n = 0; n < 5_000; n++) {
            Key key = random.key(5);
            Key decoded = Key.fromBytes(key.toBytes());
            assertEquals(key, decoded);
            assertTrue(Arrays.deepEquals(key.parts().toArray(), decoded.parts().toArray()), key::toString);
        }
        assertEquals(List.of(), KeyCodec.decode(new byte[0]));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "07", // unknown tag
        "00",
        "0261", // unterminated string
        "01ff", // unterminated bytes
        "02c300", // truncated UTF-8
        "02eda08000", // UTF-8 encoded surrogate
        "02c0af00", // overlong UTF-8
        "03bff0", // truncated number
        "03fff8000000000000", // NaN
        "03fff0000000000000", // +Infinity
        "037fffffffffffffff", // -0
        "040300", // bad bigint sign
        "04020501", // truncated bigint
        "0402020001", // leading zero byte
        "0401ff", // negative zero
        "0401feff", // negative with leading zero magnitude byte
        "0502", // bad boolean
        "05"})
    void rejectsMalformedEncodings(String hex) {
        assertThrows(IllegalArgumentException.class, () -> KeyCodec.decode(HEX.parseHex(hex)));
    }

    @Test
    void descendantsEndAppendsTheEndTag() {
        assertArrayEquals(HEX.parseHex("02610006"), KeyRange.descendantsEnd(Key.of("a").toBytes()));
        assertArrayEquals(new byte[] {(byte) 0x06}, KeyRange.descendantsEnd(new byte[0]));
    }

    @Test
    void toJsonUsesTheEmittedForm() {
        Key key = Key.of("users", 42, -1.5, 1e21, 1e-7, new BigInteger("-123456789012345678901234567890"),
                new byte[] {(byte) 0xfb, (byte) 0xff}, true);
        assertEquals("[\"users\",42,-1.5,1e+21,1e-7,{\"__type\":\"bigint\",\"value\":\"-123456789012345678901234567890\"},"
                + "{\"__type\":\"bytes\",\"value\":\"-_8\"},true]", key.toString());
        assertEquals("[\"id\",{\"__type\":\"uuidv7\"}]", Key.of("id", Key.uuidv7Placeholder()).toString());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0|0", "-0.0|0", "1|1", "-1|-1", "1.5|1.5", "-1.5|-1.5", "0.1|0.1", "123.456|123.456",
        "0.30000000000000004|0.30000000000000004",
        "1e21|1e+21", "1.2e22|1.2e+22", "1e23|1e+23", "-1e21|-1e+21",
        "1e20|100000000000000000000", "1.2345678901234568e20|123456789012345680000",
        "9007199254740991|9007199254740991", "9007199254740992|9007199254740992", "9007199254740994|9007199254740994",
        "1e-6|0.000001", "1.5e-6|0.0000015", "1e-7|1e-7", "-1.5e-7|-1.5e-7", "0.002|0.002",
        "5e-324|5e-324", "1.5e-323|1.5e-323", "1.7976931348623157e308|1.7976931348623157e+308",
        "2.2250738585072014e-308|2.2250738585072014e-308", "123e-20|1.23e-18", "4.35|4.35"})
    void formatsNumbersLikeJavaScript(double value, String js) {
        assertEquals(js, JsNumbers.format(value));
    }

    @Test
    void numberTextRoundTrips() {
        Random random = new Random(3L);
        for (int n = 0; n < 20_000; n++) {
            double d = Double.longBitsToDouble(random.nextLong());
            if (Double.isFinite(d)) {
                assertEquals(d, Double.parseDouble(JsNumbers.format(d)));
            }
        }
    }
}
