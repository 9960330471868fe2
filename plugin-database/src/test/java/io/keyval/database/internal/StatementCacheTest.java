package io.keyval.database.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class StatementCacheTest {

    @TempDir
    Path dir;

    @Test
    void evictsTheLeastRecentlyUsedStatementButClosesItOnlyWhenTheWorkEnds() throws Exception {
        SQLiteDataSource dataSource = new SQLiteDataSource();
        dataSource.setUrl("jdbc:sqlite:" + dir.resolve("cache.db"));
        try (Connection connection = dataSource.getConnection();
             StatementCache cache = new StatementCache(connection, 2)) {
            PreparedStatement one = cache.prepare("SELECT 1");
            PreparedStatement two = cache.prepare("SELECT 2");
            assertSame(one, cache.prepare("SELECT 1")); // now "SELECT 2" is the least recently used
            cache.prepare("SELECT 3");

            assertSame(one, cache.prepare("SELECT 1"));
            assertFalse(two.isClosed(), "still usable by the running work");
            cache.endOfWork();
            assertTrue(two.isClosed());
            assertNotSame(two, cache.prepare("SELECT 2"));
        }
    }
}
