package io.keyval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.host.testing.HostFixture;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.RawHttp;
import io.keyval.host.testing.RawHttp.Reply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Malformed and random requests against the real host and its shipped plugins: never a 5xx, every
 * error a JSON {@code {"error": ...}}, and a canary set of keys unchanged.
 */
class BadRequestsTest {

    private static final String API = "/keyval/api";
    private static final long SEED = 20261205L;
    private static HostFixture host;
    private static String canary;

    @BeforeAll
    static void start() {
        host = HostSetup.withShippedPlugins().server("requestTimeout", 2000).start();
        for (String key : List.of("canary", "canary/a", "canary/a/b", "canary/1", "canary/x y")) {
            Reply r = send("PUT", API + "/keys/" + key.replace(" ", "%20"), "{\"keep\":true,\"n\":1}");
            assertEquals(200, r.status(), r.body());
        }
        canary = canary();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static String canary() {
        return send("GET", API + "/keys?prefix=canary&limit=1000", null).body();
    }

    private static Reply send(String method, String target, String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return raw(head(method, target, "Host: localhost\r\n", bytes.length), bytes);
    }

    private static byte[] head(String method, String target, String headers, int length) {
        return (method + " " + target + " HTTP/1.1\r\n" + headers + "Content-Length: " + length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Reply raw(byte[] head, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head);
        request.writeBytes(body);
        return RawHttp.exchange(host.port(), request.toByteArray());
    }

    private static void assertAnswered4xxJson(Reply r, String what) {
        assertTrue(r.status() >= 400 && r.status() < 500, () -> what + " -> " + r);
        assertTrue(r.isJsonError(), () -> what + " -> not a JSON error: " + r);
    }

    @Test
    void malformedUrlsAndHeadsGetJsonErrors() {
        String longQuery = IntStream.range(0, 12_000).mapToObj(i -> "p" + i + "=1").collect(Collectors.joining("&"));
        String manyParameters = IntStream.range(0, 12_000).mapToObj(i -> "a").collect(Collectors.joining("&"));
        List<String> targets = List.of(API + "/keys?prefix=" + longQuery, API + "/keys?" + manyParameters,
                API + "/keys/" + "a".repeat(2 * 1024 * 1024), API + "/keys?cursor=%zz&limit=%2");
        for (String target : targets) {
            assertAnswered4xxJson(send("GET", target, null), target.substring(0, Math.min(80, target.length())));
        }
        assertAnswered4xxJson(RawHttp.exchange(host.port(), "PUT " + API + "/keys/canary HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: 99999999999999999999999\r\nConnection: close\r\n\r\n1"), "over-long Content-Length");
        byte[] invalidUtf8 = ("GET " + API + "/keys/canary/\u00ff\u00fe HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Reply notUtf8 = RawHttp.exchange(host.port(), invalidUtf8);
        assertAnswered4xxJson(notUtf8, "raw bytes that are not UTF-8");
        assertEquals("Request URL is not valid UTF-8; percent-encode its bytes",
                notUtf8.body().substring(10, notUtf8.body().length() - 2));
        Reply badChunk = RawHttp.exchange(host.port(), "PUT " + API + "/keys/canary HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nffffffffffffffff\r\n1\r\n0\r\n\r\n");
        // Broken chunk framing breaks the connection itself: it is closed, never answered as a success.
        assertTrue(badChunk.status() == 0 || badChunk.isJsonError(), badChunk::toString);
        Reply notANumber = RawHttp.exchange(host.port(), "PUT " + API + "/keys/canary HTTP/1.1\r\nHost: localhost\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n1\r\n0\r\n\r\n");
        assertTrue(notANumber.status() == 0 || notANumber.isJsonError(), notANumber::toString);
        byte[] tooManyHeaders = ("GET /health HTTP/1.1\r\nHost: localhost\r\n" + IntStream.range(0, 500)
                .mapToObj(i -> "X-A" + i + ": 1\r\n").collect(Collectors.joining()) + "Connection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        Reply headers = RawHttp.exchange(host.port(), tooManyHeaders);
        assertEquals(431, headers.status(), headers::toString);
        assertTrue(headers.isJsonError());
        assertEquals(canary, canary(), "the store changed");
    }

    @Test
    void malformedEscapesInKeyPathsAreKeptLiterally() {
        assertEquals(200, send("PUT", API + "/keys/lit/%zz/%2/50%", "1").status());
        Reply list = send("GET", API + "/keys?prefix=lit", null);
        assertTrue(list.body().contains("\"key\":[\"lit\",\"%zz\",\"%2\",\"50%\"]"), list::toString);
        Reply utf8 = send("PUT", API + "/keys/lit/caf\u00c3\u00a9", "2"); // the UTF-8 bytes of "café", sent raw
        assertEquals(200, utf8.status(), utf8::toString);
        assertTrue(send("GET", API + "/keys/lit/caf%C3%A9", null).body().contains("\"caf\u00e9\""));
    }

    @Test
    void randomRequestsToEveryEndpointNeverFailTheServer() {
        Random random = new Random(SEED);
        Fuzz fuzz = new Fuzz(random);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 1500; i++) {
            Fuzz.Request request = fuzz.next();
            Reply r = raw(head(request.method(), request.target(), request.headers(), request.body().length), request.body());
            boolean bodyExpected = !request.method().equals("HEAD");
            if (r.status() == 0 || r.status() >= 500 || (r.status() >= 400 && bodyExpected && !r.isJsonError())) {
                failures.add("#" + i + " " + request + " -> " + r);
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " bad answers, e.g.:\n"
                + String.join("\n", failures.subList(0, Math.min(10, failures.size()))));
        assertEquals(canary, canary(), "the store changed");
    }

    /** Random requests, malformed in every way the host and the API could trip over. */
    private static final class Fuzz {
        private static final String[] METHODS = {"GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD"};
        private static final String[] ROUTES = {"/keys", "/keys/list", "/keys/count", "/keys/paginate",
            "/keys/batch", "/keys/delete-batch", "/keys/fuzz/a", "/keys/fuzz", "/atomic", "/keys/", "/nothing"};
        private static final String[] PARAMS = {"prefix", "start", "end", "limit", "reverse", "cursor", "expiresIn",
            "keys", "x"};
        private static final String[] PIECES = {"%zz", "%2", "%ff", "%00", "%C3%28", "%F0%9F%98", "..", "//", "%2F",
            "\u00e9", "+", ";", "?", "#", "*", "0", "-1", "9007199254740993", "1e309", "true", "fuzz", "\u00ff"};
        private static final String[] BODIES = {"{}", "[]", "null", "\"x\"", "1", "{\"keys\":[[\"fuzz\",1]]}",
            "{\"prefix\":[\"fuzz\"],\"where\":{\"n\":{\"$gt\":1}}}", "{\"checks\":[],\"mutations\":[{\"type\":\"sum\","
            + "\"key\":[\"fuzz\",\"n\"],\"value\":1}]}", "{\"keys\":[[\"fuzz\",{\"__type\":\"bigint\",\"value\":\"1\"}]]}",
            "{\"mutations\":[{\"type\":\"set\",\"key\":[\"fuzz\",{\"$uuidv7\":true}],\"value\":{\"a\":[1,2]}}]}",
            "{\"where\":{\"$or\":[{\"a\":1},{\"b\":{\"$in\":[1,2]}}]},\"exact\":true}"};
        private static final String[] HEADERS = {"Content-Type: text/plain\r\n", "Content-Type: application/json\r\n",
            "Content-Type: \u00ff\r\n", "Expect: 100-continue\r\n",
            "Accept: */*\r\n", "X-Very-Long: " + "v".repeat(70_000) + "\r\n", "Cookie: a=b\r\n",
            "Origin: http://localhost\r\n", "Last-Event-ID: \u00e9\r\n", "Range: bytes=0-\r\n"};

        private final Random random;

        Fuzz(Random random) {
            this.random = random;
        }

        record Request(String method, String target, String headers, byte[] body) {
            @Override
            public String toString() {
                String b = new String(body, StandardCharsets.UTF_8);
                return method + " " + cut(target) + " [" + cut(headers.replace("\r\n", "|")) + "] " + cut(b);
            }

            private static String cut(String s) {
                return s.length() > 120 ? s.substring(0, 120) + "..." : s;
            }
        }

        Request next() {
            String method = pick(METHODS);
            StringBuilder target = new StringBuilder(API).append(pick(ROUTES));
            for (int i = random.nextInt(3); i > 0; i--) {
                target.append('/').append(pick(PIECES));
            }
            if (random.nextBoolean()) {
                target.append('?');
                for (int i = random.nextInt(4); i >= 0; i--) {
                    target.append(pick(PARAMS)).append('=').append(pick(PIECES)).append(random.nextInt(5) == 0 ? "/" + pick(PIECES) : "").append('&');
                }
            }
            StringBuilder headers = new StringBuilder("Host: localhost\r\n");
            for (int i = random.nextInt(3); i > 0; i--) {
                headers.append(pick(HEADERS));
            }
            return new Request(method, encodeTarget(target.toString()), headers.toString(), body());
        }

        /** Non-ASCII characters go out as their UTF-8 bytes (one ISO-8859-1 char each), as clients send them. */
        private static String encodeTarget(String target) {
            return new String(target.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
        }

        private byte[] body() {
            switch (random.nextInt(6)) {
                case 0:
                    return new byte[0];
                case 1: {
                    byte[] garbage = new byte[random.nextInt(64)];
                    random.nextBytes(garbage);
                    return garbage;
                }
                case 2: {
                    String valid = pick(BODIES);
                    return valid.substring(0, random.nextInt(valid.length() + 1)).getBytes(StandardCharsets.UTF_8);
                }
                case 3:
                    return ("[".repeat(random.nextInt(5000)) + "1").getBytes(StandardCharsets.UTF_8);
                case 4: {
                    String valid = pick(BODIES);
                    int at = random.nextInt(valid.length() + 1);
                    String inserted = pick(new String[] {"\\ud83d", "1e99999", "-0", "\"", "\u0000", "}", "{\"$bad\":1}",
                        "\"__type\"", "9".repeat(400), "\\u0000"});
                    return (valid.substring(0, at) + inserted + valid.substring(at)).getBytes(StandardCharsets.UTF_8);
                }
                default:
                    return pick(BODIES).getBytes(StandardCharsets.UTF_8);
            }
        }

        private String pick(String[] options) {
            return options[random.nextInt(options.length)];
        }
    }
}
