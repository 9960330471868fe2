package io.keyval.kv.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.database.testing.SmallFilesystem;
import io.keyval.host.testing.HostFixture;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.HttpClientHelper;
import io.keyval.host.testing.HttpClientHelper.Response;
import org.junit.jupiter.api.Test;

/**
 * The real host with its data directory on a tiny filesystem that fills up: writes get 507 with a
 * JSON error that says so, reads go on, and writes succeed again once space is freed, without a restart.
 */
class DiskFullOverHttpTest {

    private static final String API = "/keyval/api/keys/";

    @Test
    void aFullDiskIs507UntilSpaceIsFreed() {
        try (SmallFilesystem fs = SmallFilesystem.mount(4)) {
            HostFixture host = HostSetup.withShippedPlugins().dataDir(fs.dir()).start();
            try {
                HttpClientHelper http = host.http();
                assertEquals(200, http.put(API + "disk/before", "{\"n\":1}").status());
                fs.fill();
                String big = "\"" + "x".repeat(300_000) + "\"";
                Response full = null;
                for (int i = 0; i < 20 && (full == null || full.status() == 200); i++) {
                    full = http.put(API + "disk/big/" + i, big);
                }
                assertEquals(507, full.status(), full.body());
                assertTrue(full.json().get("error").asText().contains("disk full"), full.body());
                Response small = http.put(API + "disk/small", "1");
                assertEquals(507, small.status(), "still full: " + small.body());
                assertEquals(200, http.get(API + "disk/before").status(), "reads go on");

                fs.release();
                assertEquals(200, http.put(API + "disk/after", "2").status(), "writes work again");
                assertEquals(200, http.put(API + "disk/big/again", big).status());
                assertEquals("2", http.get(API + "disk/after").json().get("value").toString());
            } finally {
                host.close();
            }
        }
    }
}
