package io.keyval.kv.commit;

import io.keyval.database.testing.TestDatabases;

class SqliteCommitHooksTest extends CommitHooksContract {
    @Override
    protected TestDatabases.Engine engine() {
        return TestDatabases.Engine.SQLITE;
    }
}
