package io.keyval.kv.http;

import io.keyval.database.DatabaseAdapter;
import io.keyval.database.SqlStatement;
import io.keyval.database.SqlWork;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real adapter as the store sees it, except that {@link #readWithoutWaiting} can be switched off
 * (every request then takes the worker path) and its outcomes are counted, so that a test knows which
 * path answered.
 */
final class SwitchableAdapter implements DatabaseAdapter {

    private final DatabaseAdapter real;
    private volatile boolean withoutWaiting = true;
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger declined = new AtomicInteger();

    /** @param real the adapter every call goes to */
    SwitchableAdapter(DatabaseAdapter real) {
        this.real = real;
    }

    /** @param on whether {@link #readWithoutWaiting} reaches the real adapter (else it declines) */
    void readWithoutWaiting(boolean on) {
        withoutWaiting = on;
    }

    /** @return how many reads {@link #readWithoutWaiting} answered so far */
    int answeredWithoutWaiting() {
        return answered.get();
    }

    /** @return how many reads {@link #readWithoutWaiting} declined so far */
    int declinedWithoutWaiting() {
        return declined.get();
    }

    @Override
    public <T> Optional<T> readWithoutWaiting(SqlWork<T> work) {
        Optional<T> result = withoutWaiting ? real.readWithoutWaiting(work) : Optional.empty();
        (result.isPresent() ? answered : declined).incrementAndGet();
        return result;
    }

    @Override
    public String type() {
        return real.type();
    }

    @Override
    public String durability() {
        return real.durability();
    }

    @Override
    public <T> T read(SqlWork<T> work) {
        return real.read(work);
    }

    @Override
    public <T> T transaction(SqlWork<T> work) {
        return real.transaction(work);
    }

    @Override
    public List<Map<String, Object>> execute(String sql, Object... args) {
        return real.execute(sql, args);
    }

    @Override
    public Map<String, Object> executeOne(String sql, Object... args) {
        return real.executeOne(sql, args);
    }

    @Override
    public void batch(List<SqlStatement> statements) {
        real.batch(statements);
    }

    @Override
    public Connection openDedicatedConnection() {
        return real.openDedicatedConnection();
    }
}
