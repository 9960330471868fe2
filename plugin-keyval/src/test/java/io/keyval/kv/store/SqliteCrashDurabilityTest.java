package io.keyval.kv.store;

import io.keyval.database.Databases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class SqliteCrashDurabilityTest extends CrashDurabilityContract {

    @TempDir
    Path dir;

    @Override
    List<String> writerArgs() {
        return List.of("sqlite", dir.toString());
    }

    @Override
    Databases.ClosableDatabaseService reopen() {
        return CrashWriter.open(new String[] {"sqlite", dir.toString()});
    }
}
