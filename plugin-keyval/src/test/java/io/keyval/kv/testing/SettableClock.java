package io.keyval.kv.testing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand, so TTL and delays are tested without sleeping. */
public final class SettableClock extends Clock {

    private final AtomicLong millis;

    /** @param startMillis the initial time (epoch ms) */
    public SettableClock(long startMillis) {
        this.millis = new AtomicLong(startMillis);
    }

    /** @param deltaMillis how far to move forward */
    public void advance(long deltaMillis) {
        millis.addAndGet(deltaMillis);
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }
}
