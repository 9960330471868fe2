package io.keyval.kv.fts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyval.host.testing.HttpClientHelper;
import io.keyval.host.testing.HttpClientHelper.Response;
import io.keyval.host.testing.PostgresHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two host processes on one PostgreSQL database share their search indexes: an index created through
 * one is used by the very next write through the other (which learns of it from the catalog version
 * its transaction reads anyway), and a search through either finds what either wrote.
 */
class SearchOnTwoPostgresHostsTest {

    @RegisterExtension
    static final PostgresHosts hosts = new PostgresHosts();

    @Test
    void anIndexCreatedOnOneHostIndexesTheOtherHostsWrites() {
        HttpClientHelper a = hosts.a().http();
        HttpClientHelper b = hosts.b().http();
        // b writes first, so that it has loaded the (empty) index catalog before a creates the index.
        assertEquals(200, b.put("/keyval/api/keys/articles/1", "{\"title\":\"written before the index\"}").status());
        Response created = a.post("/keyval/api/indexes", Map.of("prefix", List.of("articles"),
                "options", Map.of("fields", List.of("title"), "tokenize", "porter")));
        assertEquals(200, created.status(), created.body());
        assertEquals(200, b.put("/keyval/api/keys/articles/2", "{\"title\":\"indexing on the other host\"}").status());
        for (HttpClientHelper host : List.of(a, b)) {
            assertEquals(List.of("1", "2"), ids(host.get("/keyval/api/search?prefix=articles&query=index*")));
            assertEquals(List.of("2"), ids(host.get("/keyval/api/search?prefix=articles&query=indexes%20AND%20host")));
        }
        assertEquals(200, b.delete("/keyval/api/keys/articles/1").status());
        assertEquals(List.of("2"), ids(a.get("/keyval/api/search?prefix=articles&query=index*")));
        assertEquals(200, b.delete("/keyval/api/indexes?prefix=articles").status());
        assertEquals(404, a.get("/keyval/api/search?prefix=articles&query=index").status());
    }

    private static List<String> ids(Response r) {
        assertEquals(200, r.status(), r.body());
        List<String> ids = new ArrayList<>();
        r.json().forEach(hit -> ids.add(hit.get("key").get(1).asText()));
        return ids;
    }
}
