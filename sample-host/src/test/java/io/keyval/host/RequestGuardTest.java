package io.keyval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.host.testing.HostFixture;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.RawHttp;
import io.keyval.host.testing.RawHttp.Reply;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Who may call the host: the bearer token, the Origin check against cross-site writes, the Host
 * allow-list against DNS rebinding, and CORS for listed origins. Requests are written byte for byte,
 * as a browser or an attacker would send them.
 */
class RequestGuardTest {

    private static final String TOKEN = "s3cret-token";
    private static final String FRIEND = "https://admin.example.com";
    private static HostFixture host;

    @BeforeAll
    static void start() {
        host = HostSetup.withShippedPlugins()
                .server("authToken", TOKEN)
                .server("allowedOrigins", List.of(FRIEND))
                .server("allowedHosts", "kv.internal")
                .start();
    }

    @AfterAll
    static void stop() {
        host.close();
    }

    private static Reply request(String method, String path, String headers, String body) {
        String b = body == null ? "" : body;
        return RawHttp.exchange(host.port(), method + " " + path + " HTTP/1.1\r\n" + headers
                + "Content-Length: " + b.length() + "\r\nConnection: close\r\n\r\n" + b);
    }

    private static String local() {
        return "Host: 127.0.0.1:" + host.port() + "\r\n";
    }

    private static String bearer(String token) {
        return "Authorization: Bearer " + token + "\r\n";
    }

    private static Reply get(String key) {
        return request("GET", "/keyval/api/keys/" + key, local() + bearer(TOKEN), null);
    }

    @Test
    void everyPluginRouteNeedsTheBearerToken() {
        Reply none = request("PUT", "/keyval/api/keys/guard/a", local(), "1");
        assertEquals(401, none.status());
        assertTrue(none.isJsonError(), none::toString);
        assertEquals("Bearer", none.headers().get("www-authenticate"));
        assertEquals(401, request("PUT", "/keyval/api/keys/guard/a", local() + bearer("wrong"), "1").status());
        assertEquals(401, request("PUT", "/keyval/api/keys/guard/a", local() + bearer(TOKEN + "x"), "1").status());
        assertEquals(401, request("PUT", "/keyval/api/keys/guard/a", local() + "Authorization: Basic " + TOKEN + "\r\n", "1").status());
        assertEquals(404, get("guard/a").status(), "nothing was written without the token");
        assertEquals(200, request("PUT", "/keyval/api/keys/guard/a", local() + bearer(TOKEN), "1").status());
        assertEquals(200, get("guard/a").status());
        assertEquals(200, request("GET", "/health", local(), null).status(), "health needs no token");
    }

    @Test
    void theAdminUiFilesNeedNoTokenButEveryDataRouteBelowThemDoes() {
        // Mounted with mountPublic: the pages and scripts hold no data; the UI reads through /keyval/api.
        for (String path : List.of("/keyval", "/keyval/entries", "/keyval/assets/app.js")) {
            assertEquals(200, request("GET", path, local(), null).status(), path);
        }
        assertEquals(401, request("GET", "/keyval/api/info", local(), null).status(), "the longer, protected mount wins");
        assertEquals(401, request("GET", "/keyval/api/keys/guard", local(), null).status());
        assertEquals(404, request("GET", "/keyval/nothing", local(), null).status(), "no data, and no token asked");
        assertEquals(401, request("POST", "/keyval/entries", local(), "{}").status(), "only reads are token-free");
        // Spellings that are not the API's path reach the UI's handler, which serves none of them.
        for (String path : List.of("/keyval/%61pi/info", "/keyval/./api/info", "/keyval//api/info", "/keyval/api./info")) {
            assertEquals(404, request("GET", path, local(), null).status(), path);
        }
        for (String path : List.of("/keyval/api", "/keyval/api/", "/keyval/api/../entries", "//keyval/api/info")) {
            assertEquals(401, request("GET", path, local(), null).status(), path);
        }
        assertEquals(403, request("GET", "/keyval", "Host: evil.example\r\n", null).status(), "the Host check still applies");
    }

    @Test
    void crossSiteWritesAreRefusedAndSameOriginOrListedOnesPass() {
        String evil = "Origin: https://evil.example\r\nContent-Type: text/plain\r\n";
        Reply refused = request("POST", "/keyval/api/atomic", local() + bearer(TOKEN) + evil,
                "{\"mutations\":[{\"type\":\"set\",\"key\":[\"guard\",\"csrf\"],\"value\":1}]}");
        assertEquals(403, refused.status());
        assertTrue(refused.isJsonError(), refused::toString);
        assertEquals(403, request("DELETE", "/keyval/api/keys/guard", local() + bearer(TOKEN) + "Origin: null\r\n", null).status());
        assertEquals(404, get("guard/csrf").status(), "the refused write changed nothing");

        String sameOrigin = "Origin: http://127.0.0.1:" + host.port() + "\r\n";
        assertEquals(200, request("PUT", "/keyval/api/keys/guard/same", local() + bearer(TOKEN) + sameOrigin, "1").status());
        Reply friend = request("PUT", "/keyval/api/keys/guard/friend", local() + bearer(TOKEN) + "Origin: " + FRIEND + "\r\n", "1");
        assertEquals(200, friend.status());
        assertEquals(FRIEND, friend.headers().get("access-control-allow-origin"));
        Reply read = request("GET", "/keyval/api/keys/guard/friend", local() + bearer(TOKEN) + "Origin: https://evil.example\r\n", null);
        assertEquals(200, read.status(), "reads carry no risk of their own");
        assertNull(read.headers().get("access-control-allow-origin"), "but another site's page cannot read them");
    }

    @Test
    void preflightsAreAnsweredForListedOriginsOnly() {
        String preflight = "Access-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: authorization, content-type\r\n";
        Reply ok = request("OPTIONS", "/keyval/api/keys/guard/x", local() + "Origin: " + FRIEND + "\r\n" + preflight, null);
        assertEquals(204, ok.status());
        assertEquals(FRIEND, ok.headers().get("access-control-allow-origin"));
        assertTrue(ok.headers().get("access-control-allow-methods").contains("PUT"));
        assertTrue(ok.headers().get("access-control-allow-headers").contains("Authorization"));
        Reply no = request("OPTIONS", "/keyval/api/keys/guard/x", local() + "Origin: https://evil.example\r\n" + preflight, null);
        assertEquals(403, no.status());
        assertTrue(no.isJsonError());
        Reply plain = request("OPTIONS", "/keyval/api/keys/guard/x", local() + bearer(TOKEN), null);
        assertEquals(405, plain.status());
        assertEquals("DELETE, GET, PUT", plain.headers().get("allow"));
    }

    @Test
    void onlyLoopbackNamesAndListedHostsAreServed() {
        Reply rebound = request("GET", "/keyval/api/keys/guard/a", "Host: rebind.attacker.example\r\n" + bearer(TOKEN), null);
        assertEquals(403, rebound.status());
        assertTrue(rebound.isJsonError(), rebound::toString);
        assertEquals(403, request("GET", "/health", "Host: rebind.attacker.example:" + host.port() + "\r\n", null).status());
        for (String name : List.of("localhost", "127.0.0.1", "[::1]", "kv.internal", "LOCALHOST")) {
            Reply r = request("GET", "/health", "Host: " + name + ":" + host.port() + "\r\n", null);
            assertEquals(200, r.status(), name);
        }
    }
}
