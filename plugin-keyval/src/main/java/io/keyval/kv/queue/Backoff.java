package io.keyval.kv.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.store.JsonValues;

/** The wait before a nacked message's next attempt. */
final class Backoff {

    /** The wait when the schedule is empty. */
    static final long EMPTY_SCHEDULE_WAIT = 1000;

    private Backoff() {
    }

    /**
     * @param scheduleJson the stored schedule, a JSON array of ms
     * @param attempts deliveries so far (at least 1)
     * @return {@code schedule[min(attempts - 1, length - 1)]}, or {@value #EMPTY_SCHEDULE_WAIT} for an empty schedule
     */
    static long delayAfter(String scheduleJson, int attempts) {
        JsonNode schedule = JsonValues.tree(scheduleJson);
        if (schedule.isEmpty()) {
            return EMPTY_SCHEDULE_WAIT;
        }
        return schedule.get(Math.max(0, Math.min(attempts - 1, schedule.size() - 1))).asLong();
    }
}
