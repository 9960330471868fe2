package io.keyval.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keyval.host.testing.HostProcess;
import io.keyval.host.testing.HostSetup;
import io.keyval.host.testing.HttpClientHelper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM under load: requests in progress finish, new ones get 503 (never a 500 or "store is
 * closed"), the process exits with 0, and every acknowledged write is there after a restart.
 */
class GracefulShutdownTest {

    @TempDir
    Path data;

    @Test
    void sigtermUnderLoadDrainsThenStopsCleanly() throws Exception {
        HostProcess host = HostSetup.withShippedPlugins().dataDir(data).startProcess();
        String base = host.baseUrl() + "/keyval/api/keys/sd/";
        Map<String, String> acknowledged = new ConcurrentHashMap<>();
        List<String> wrong = new CopyOnWriteArrayList<>();
        List<String> unanswered = new CopyOnWriteArrayList<>();
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5)).build();
                for (int i = 0; ; i++) {
                    String key = thread + "/" + i;
                    try {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + key))
                                .timeout(Duration.ofSeconds(20)).PUT(HttpRequest.BodyPublishers.ofString(String.valueOf(i)))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            acknowledged.put(key, String.valueOf(i));
                        } else if (r.statusCode() != 503 || !r.body().startsWith("{\"error\":")) {
                            wrong.add(r.statusCode() + " " + r.body());
                        }
                    } catch (java.net.ConnectException refused) {
                        return; // the host stopped listening: this writer is done
                    } catch (IOException cut) {
                        // The answer was lost: then the write must not have been applied either.
                        unanswered.add(key);
                        return;
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        Thread.sleep(1500);
        int exit = host.terminate(); // SIGTERM, mid-load
        for (Thread writer : writers) {
            writer.join(30_000);
            assertFalse(writer.isAlive(), "a client still waits for an answer after the host stopped");
        }
        assertEquals(0, exit, host.output());
        assertTrue(wrong.isEmpty(), () -> "answers other than 200 or 503 JSON: " + wrong.subList(0, Math.min(5, wrong.size())));
        assertTrue(acknowledged.size() > 20, "too few writes before the shutdown: " + acknowledged.size());
        String output = host.output();
        assertTrue(!output.contains("store is closed") && !output.contains(" ERROR "), output);
        int keyval = output.indexOf("Shutting down plugin 'plugin-keyval'");
        assertTrue(keyval >= 0 && keyval < output.indexOf("Shutting down plugin 'plugin-database'"), output);
        host.close();

        HostProcess again = HostSetup.withShippedPlugins().dataDir(data).startProcess();
        try {
            HttpClientHelper http = again.http();
            for (String key : unanswered) {
                assertEquals(404, http.get("/keyval/api/keys/sd/" + key).status(),
                        "a write whose answer was cut off was applied: the drain let a request run past it");
            }
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                assertEquals(e.getValue(), http.get("/keyval/api/keys/sd/" + e.getKey()).json().get("value").toString(),
                        "acknowledged write lost: " + e.getKey());
            }
        } finally {
            again.close();
        }
    }
}
