package io.keyval.kv.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keyval.database.testing.TestDatabases;
import io.keyval.host.testing.PostgresHosts;
import io.keyval.host.testing.SseSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two host processes on one PostgreSQL database: a write on one reaches the key and prefix streams of
 * the other, also when the other's listening connection was ended while the write happened.
 */
class WatchOnTwoPostgresHostsTest {

    private static final String API = "/keyval/api";
    @RegisterExtension
    static final PostgresHosts hosts = new PostgresHosts();

    @Test
    void aWriteOnOneHostReachesTheOthersKeyAndPrefixStreams() throws Exception {
        try (SseSocket byKey = SseSocket.open(hosts.b().port(), API + "/watch?initial=false&keys=shared/k");
                SseSocket byPrefix = SseSocket.open(hosts.b().port(), API + "/watch/prefix?initial=false&prefix=shared")) {
            byKey.readUntil("text/event-stream");
            byPrefix.readUntil("text/event-stream");
            assertEquals(200, hosts.a().http().put(API + "/keys/shared/k", "\"from a\"").status());
            byKey.readUntil("\"from a\"");
            byPrefix.readUntil("\"from a\"");
        }
    }

    @Test
    void aWriteMadeWhileTheListeningConnectionWasEndedStillArrives() throws Exception {
        try (SseSocket stream = SseSocket.open(hosts.b().port(), API + "/watch?initial=false&keys=lost/k")) {
            stream.readUntil("text/event-stream");
            assertEquals(2, terminateListeningSessions(), "both hosts' listening sessions");
            assertEquals(200, hosts.a().http().put(API + "/keys/lost/k", "\"meanwhile\"").status());
            stream.readUntil("\"meanwhile\"");
            assertEquals(200, hosts.a().http().put(API + "/keys/lost/k", "\"after\"").status());
            stream.readUntil("\"after\"");
        }
    }

    /** Ends the hosts' sessions that listen for notifications (their application name is the schema's). */
    private static long terminateListeningSessions() throws Exception {
        try (Connection c = DriverManager.getConnection(TestDatabases.postgresUrl());
                PreparedStatement ps = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = ? AND query LIKE 'LISTEN %'")) {
            ps.setString(1, hosts.schema().name());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
