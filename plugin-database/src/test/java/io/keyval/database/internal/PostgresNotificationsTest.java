package io.keyval.database.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.Databases;
import io.keyval.database.Notifications;
import io.keyval.database.testing.TestDatabases;
import io.keyval.database.testing.TestDatabases.Engine;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Notifications sent inside transactions reach listeners exactly when the transaction commits. */
class PostgresNotificationsTest {

    @TempDir
    Path dir;

    private Databases.ClosableDatabaseService service;
    private DatabaseAdapter db;
    private Notifications notifications;
    private final BlockingQueue<String> heard = new LinkedBlockingQueue<>();

    @BeforeEach
    void open() throws Exception {
        TestDatabases.assumePostgres();
        service = TestDatabases.open(Engine.POSTGRES, dir);
        db = service.getRootAdapter(null);
        db.execute("CREATE TABLE items (id TEXT PRIMARY KEY)");
        notifications = db.notifications().orElseThrow();
        for (String channel : new String[] {"one", "two"}) {
            notifications.listen(channel, new Notifications.Listener() {
                @Override
                public void notified(String payload) {
                    heard.add(channel + ":" + payload);
                }

                @Override
                public void reconnected() {
                }
            });
        }
    }

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void notificationsOfACommittedTransactionArriveInOrderOnTheirChannels() throws Exception {
        db.transaction(s -> {
            s.prepare("INSERT INTO items VALUES ('a')").execute();
            notifications.notify(s, "one", "first");
            notifications.notify(s, "two", "second");
            notifications.notify(s, "one", "third");
            return null;
        });
        assertEquals("one:first", next());
        assertEquals("two:second", next());
        assertEquals("one:third", next());
        assertEquals(1, db.execute("SELECT id FROM items").size(), "the write committed with them");
    }

    @Test
    void aTransactionThatRollsBackSendsNothingAndTheConnectionServesTheNextOne() throws Exception {
        assertThrows(IllegalStateException.class, () -> db.transaction(s -> {
            s.prepare("INSERT INTO items VALUES ('a')").execute();
            notifications.notify(s, "one", "rolled back");
            throw new IllegalStateException("abort");
        }));
        db.transaction(s -> {
            s.prepare("INSERT INTO items VALUES ('b')").execute();
            notifications.notify(s, "one", "committed");
            return null;
        });
        assertEquals("one:committed", next(), "the rolled-back transaction sent nothing; the next one's arrives");
        assertNull(heard.poll(200, TimeUnit.MILLISECONDS));
        assertEquals(1, db.execute("SELECT id FROM items").size());
    }

    @Test
    void aCommitThatFailsSendsNothing() throws Exception {
        db.execute("CREATE TABLE deferred (id TEXT PRIMARY KEY REFERENCES items (id) DEFERRABLE INITIALLY DEFERRED)");
        // A deferred constraint fails at COMMIT itself, after the notification was queued.
        assertThrows(RuntimeException.class, () -> db.transaction(s -> {
            s.prepare("INSERT INTO deferred VALUES ('missing')").execute();
            notifications.notify(s, "one", "never");
            return null;
        }));
        assertNull(heard.poll(500, TimeUnit.MILLISECONDS));
        db.transaction(s -> {
            notifications.notify(s, "two", "after");
            return null;
        });
        assertEquals("two:after", next());
    }

    private String next() throws InterruptedException {
        String payload = heard.poll(5, TimeUnit.SECONDS);
        if (payload == null) {
            throw new AssertionError("no notification within 5 s");
        }
        return payload;
    }
}
