package io.keyval.kv.transfer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.keyval.database.DatabaseAdapter;
import io.keyval.database.SqlSession;
import io.keyval.kv.FtsIndex;
import io.keyval.kv.Key;
import io.keyval.kv.KvException;
import io.keyval.kv.KvUnavailableException;
import io.keyval.kv.commit.Versionstamps;
import io.keyval.kv.fts.FtsService;
import io.keyval.kv.keys.KeyJson;
import io.keyval.kv.keys.KeyRange;
import io.keyval.kv.queue.DeadLetter;
import io.keyval.kv.queue.QueueRecords;
import io.keyval.kv.store.JsonValues;
import io.keyval.kv.store.KvStore;
import io.keyval.kv.store.StoreFailures;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Writes an export ({@link ExportFormat}) of the whole store or a prefix from one consistent
 * snapshot, while writes go on: every entry committed before the snapshot and live at its time,
 * none committed after; a whole-store export also holds the queue's messages and dead letters. Rows are streamed from the database to the output as they are read, so
 * memory stays bounded whatever the size of the store.
 *
 * <pre>{@code
 * new StoreExport(adapter, store, dialect, "sqlite", clock).write(Key.of(), Files.newOutputStream(file));
 * }</pre>
 */
public final class StoreExport {

    private static final String ENTRIES = "SELECT key, value, expires_at FROM kv_entries"
            + " WHERE key > ? AND key < ? AND (expires_at IS NULL OR expires_at > ?) ORDER BY key";
    private static final String SEQUENCE = "SELECT value FROM kv_sequence WHERE id = 1";
    private static final int FETCH = 500;

    private final DatabaseAdapter db;
    private final KvStore store;
    private final TransferDialect dialect;
    private final String engine;
    private final Clock clock;

    /**
     * @param db the database
     * @param store the store on it (how a range is scanned in key order)
     * @param dialect the engine's snapshot
     * @param engine the engine's name, recorded in the header
     * @param clock decides which entries have expired
     */
    public StoreExport(DatabaseAdapter db, KvStore store, TransferDialect dialect, String engine, Clock clock) {
        this.db = db;
        this.store = store;
        this.dialect = dialect;
        this.engine = engine;
        this.clock = clock;
    }

    /**
     * @param prefix the entries' prefix (strict descendants); the empty key for the whole store
     * @param out where to write; not closed
     * @return the number of entries written
     * @throws KvException when the database fails, or the output does (nothing more is written)
     */
    public long write(Key prefix, OutputStream out) {
        long now = clock.millis();
        AtomicBoolean ran = new AtomicBoolean();
        return StoreFailures.translating(() -> db.readStreaming(s -> {
            // A read whose connection was lost runs again; an export must not write its records twice.
            if (!ran.compareAndSet(false, true)) {
                throw new KvUnavailableException("The database connection was lost during the export; the output"
                        + " is incomplete (it has no end record): export again", null, false);
            }
            dialect.beginSnapshot(s);
            Throwable failure = null;
            try (JsonGenerator json = JsonValues.MAPPER.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
                json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                json.setRootValueSeparator(null); // records are separated by the newline alone
                long entries = records(s, prefix, now, json);
                json.flush();
                return entries;
            } catch (IOException e) {
                failure = e;
                throw new UncheckedIOException("Export output failed: " + e.getMessage(), e);
            } catch (RuntimeException | SQLException e) {
                failure = e;
                throw e;
            } finally {
                endSnapshot(s, failure);
            }
        }));
    }

    /** Ends the snapshot; a failure to end it is added to the export's own failure rather than hiding it. */
    private void endSnapshot(SqlSession s, Throwable failure) throws SQLException {
        try {
            dialect.endSnapshot(s);
        } catch (SQLException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    private long records(SqlSession s, Key prefix, long now, JsonGenerator json) throws SQLException, IOException {
        json.writeStartObject();
        json.writeStringField("type", ExportFormat.HEADER);
        json.writeStringField("format", ExportFormat.FORMAT);
        json.writeNumberField("version", ExportFormat.VERSION);
        json.writeStringField("engine", engine);
        json.writeStringField("exportedAt", Instant.ofEpochMilli(now).toString());
        json.writeStringField("versionstamp", Versionstamps.format(sequence(s)));
        json.writeFieldName("prefix");
        KeyJson.write(prefix, json);
        json.writeEndObject();
        json.writeRaw('\n');
        long indexes = 0;
        for (FtsIndex index : FtsService.definitions(s)) {
            if (index.prefix().startsWith(prefix)) {
                indexes++;
                json.writeStartObject();
                json.writeStringField("type", ExportFormat.INDEX);
                json.writeFieldName("prefix");
                KeyJson.write(index.prefix(), json);
                json.writeArrayFieldStart("fields");
                for (String field : index.fields()) {
                    json.writeString(field);
                }
                json.writeEndArray();
                json.writeStringField("tokenize", index.tokenizer().id());
                json.writeEndObject();
                json.writeRaw('\n');
            }
        }
        long entries = entries(s, prefix, now, json);
        long[] queue = {0, 0};
        if (prefix.isEmpty()) {
            QueueRecords.messages(s, m -> {
                write(json, () -> message(m, json));
                queue[0]++;
            });
            QueueRecords.deadLetters(s, d -> {
                write(json, () -> deadLetter(d, json));
                queue[1]++;
            });
        }
        json.writeStartObject();
        json.writeStringField("type", ExportFormat.END);
        json.writeNumberField("indexes", indexes);
        json.writeNumberField("entries", entries);
        json.writeNumberField("messages", queue[0]);
        json.writeNumberField("deadLetters", queue[1]);
        json.writeEndObject();
        json.writeRaw('\n');
        return entries;
    }

    /** A record writer that may fail with an {@link IOException}. */
    private interface Record {
        void write() throws IOException;
    }

    private static void write(JsonGenerator json, Record record) {
        try {
            record.write();
            json.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("Export output failed: " + e.getMessage(), e);
        }
    }

    private static void message(QueueRecords.Message m, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", ExportFormat.MESSAGE);
        json.writeStringField("id", m.id());
        json.writeFieldName("value");
        json.writeRawValue(m.valueJson());
        json.writeNumberField("priority", m.priority());
        json.writeNumberField("readyAt", m.readyAt());
        json.writeNumberField("attempts", m.attempts());
        json.writeFieldName("backoffSchedule");
        json.writeRawValue(m.backoffJson());
        if (m.keysJson() != null) {
            json.writeFieldName("keysIfUndelivered");
            json.writeRawValue(m.keysJson());
        }
        json.writeNumberField("createdAt", m.createdAt());
        json.writeEndObject();
    }

    private static void deadLetter(DeadLetter d, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("type", ExportFormat.DEAD_LETTER);
        json.writeStringField("id", d.id());
        json.writeStringField("originalId", d.originalId());
        json.writeFieldName("value");
        json.writeRawValue(d.valueJson());
        json.writeStringField("error", d.errorMessage());
        json.writeNumberField("attempts", d.attempts());
        json.writeNumberField("createdAt", d.originalCreatedAt());
        json.writeNumberField("failedAt", d.failedAt());
        json.writeEndObject();
    }

    private static long sequence(SqlSession s) throws SQLException {
        try (ResultSet rs = s.prepare(SEQUENCE).executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private long entries(SqlSession s, Key prefix, long now, JsonGenerator json) throws SQLException, IOException {
        KeyRange range = KeyRange.descendants(prefix);
        store.prepareRangeScan(s);
        PreparedStatement ps = s.prepare(ENTRIES);
        ps.setFetchSize(FETCH);
        ps.setBytes(1, range.lower());
        ps.setBytes(2, range.upper());
        ps.setLong(3, now);
        long n = 0;
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                json.writeStartObject();
                json.writeStringField("type", ExportFormat.ENTRY);
                json.writeFieldName("key");
                KeyJson.write(Key.fromBytes(rs.getBytes(1)), json);
                json.writeFieldName("value");
                json.writeRawValue(rs.getString(2));
                long expiresAt = rs.getLong(3);
                if (!rs.wasNull()) {
                    json.writeNumberField("expiresAt", expiresAt);
                }
                json.writeEndObject();
                json.writeRaw('\n');
                n++;
            }
        }
        return n;
    }
}
