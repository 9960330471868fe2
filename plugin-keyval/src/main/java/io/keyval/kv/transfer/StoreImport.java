package io.keyval.kv.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.keyval.kv.FtsIndex;
import io.keyval.kv.FtsTokenizer;
import io.keyval.kv.ImportOptions;
import io.keyval.kv.ImportResult;
import io.keyval.kv.Key;
import io.keyval.kv.KvImportException;
import io.keyval.kv.KvUnavailableException;
import io.keyval.kv.KvValidationException;
import io.keyval.kv.commit.CommitPipeline;
import io.keyval.kv.commit.WriteCommand;
import io.keyval.kv.commit.WriteContext;
import io.keyval.kv.fts.FtsService;
import io.keyval.kv.keys.KeyJson;
import io.keyval.kv.queue.DeadLetter;
import io.keyval.kv.queue.QueueRecords;
import io.keyval.kv.queue.QueueService;
import io.keyval.kv.store.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an export ({@link ExportFormat}) and applies it through the normal commit path, so that
 * search indexes, watchers and triggers see the entries; queue messages and dead letters keep their
 * ids (one whose id exists is left as it is). Entries get new versionstamps from this
 * store; expired ones are skipped; an index definition is created when it is read, before the
 * entries after it. Records are applied in commits of {@value #BATCH} entries as they are read
 * (memory stays bounded), or, for an atomic import, all in one commit once the whole input has been
 * read and checked.
 *
 * <p>The first record that cannot be read or applied stops the import with a
 * {@link KvImportException} that names its line: every record before it is applied (none, for an
 * atomic import), none after it.
 */
public final class StoreImport {

    static final int BATCH = 500;
    /** A batch is also applied once it holds this many characters of records. */
    static final long BATCH_CHARS = 8 << 20;
    /** The most an atomic import holds, in characters of records (it is applied at the end). */
    static final long MAX_ATOMIC_CHARS = 64 << 20;
    /** The longest line: a 10 MiB value with its key, escaped, and room to spare. */
    static final int MAX_LINE_BYTES = 64 << 20;

    private final CommitPipeline pipeline;
    private final FtsService fts;
    private final QueueService queue;
    private final Clock clock;

    /**
     * @param pipeline the store's commit pipeline
     * @param fts the store's search indexes
     * @param queue the store's queue
     * @param clock decides which entries have expired
     */
    public StoreImport(CommitPipeline pipeline, FtsService fts, QueueService queue, Clock clock) {
        this.pipeline = pipeline;
        this.fts = fts;
        this.queue = queue;
        this.clock = clock;
    }

    /** An entry read and checked, not yet applied. */
    private record Pending(Key key, String json, Long expiresAt) {
    }

    /** The counts so far; mutable, for one import. */
    private static final class Counts {
        long entries;
        long skippedExisting;
        long skippedExpired;
        long indexes;
        long messages;
        long deadLetters;

        ImportResult result() {
            return new ImportResult(entries, skippedExisting, skippedExpired, indexes, messages, deadLetters);
        }
    }

    /** What is read and checked but not yet applied. */
    private static final class Batch {
        final List<Pending> entries = new ArrayList<>();
        final List<QueueRecords.Message> messages = new ArrayList<>();
        final List<DeadLetter> deadLetters = new ArrayList<>();
        /** The text of the records held, in characters: what the batch costs in memory. */
        long chars;

        int size() {
            return entries.size() + messages.size() + deadLetters.size();
        }

        void clear() {
            entries.clear();
            messages.clear();
            deadLetters.clear();
            chars = 0;
        }
    }

    /**
     * @param in the export; read to its end, not closed
     * @param options overwrite or skip existing keys; atomic or in batches
     * @return what was applied
     * @throws KvImportException at the first record that cannot be read or applied
     */
    public ImportResult apply(InputStream in, ImportOptions options) {
        Counts counts = new Counts();
        Batch pending = new Batch();
        List<FtsIndex> indexes = new ArrayList<>();
        LineReader lines = new LineReader(in, MAX_LINE_BYTES);
        long lineNo = 0;
        boolean header = false;
        boolean ended = false;
        try {
            while (true) {
                String line;
                try {
                    line = lines.next();
                } catch (KvValidationException unreadable) {
                    lineNo++; // the line that could not be read
                    throw unreadable;
                }
                if (line == null) {
                    break;
                }
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                if (ended) {
                    throw new KvValidationException("records after the end record");
                }
                JsonNode record = parse(line);
                pending.chars += line.length();
                String type = record.path("type").asText("");
                if (!header) {
                    checkHeader(record, type);
                    header = true;
                    continue;
                }
                switch (type) {
                    case ExportFormat.INDEX -> {
                        pending.chars -= line.length();
                        FtsIndex index = index(record);
                        if (options.atomic()) {
                            indexes.add(index);
                        } else {
                            flush(pending, options, counts);
                            fts.createIndex(index);
                            counts.indexes++;
                        }
                    }
                    case ExportFormat.ENTRY -> {
                        Pending entry = entry(record);
                        if (entry.expiresAt() != null && entry.expiresAt() <= clock.millis()) {
                            counts.skippedExpired++;
                            pending.chars -= line.length();
                            continue;
                        }
                        pending.entries.add(entry);
                        added(pending, options, counts);
                    }
                    case ExportFormat.MESSAGE -> {
                        pending.messages.add(message(record));
                        added(pending, options, counts);
                    }
                    case ExportFormat.DEAD_LETTER -> {
                        pending.deadLetters.add(deadLetter(record));
                        added(pending, options, counts);
                    }
                    case ExportFormat.END -> {
                        ended = true;
                        pending.chars -= line.length();
                    }
                    case ExportFormat.HEADER -> throw new KvValidationException("a second header");
                    default -> throw new KvValidationException("unknown record type '" + type + "'");
                }
            }
            if (!header) {
                throw new KvValidationException("the input is empty: an export starts with a header record");
            }
            if (!ended) {
                throw new KvValidationException("the input ends without an end record: the export is incomplete");
            }
            for (FtsIndex index : indexes) {
                fts.createIndex(index);
                counts.indexes++;
            }
            flush(pending, options, counts);
            return counts.result();
        } catch (KvValidationException e) {
            if (!options.atomic()) {
                try {
                    flush(pending, options, counts); // every record before the failing one is applied
                } catch (RuntimeException applying) {
                    e.addSuppressed(applying);
                }
            }
            String where = ended || lineNo == 0 ? "" : "line " + lineNo + ": ";
            throw new KvImportException("Import stopped at " + where + e.getMessage() + "; applied before it: "
                    + counts.result().describe(), counts.result());
        } catch (KvUnavailableException e) {
            throw new KvUnavailableException("Import stopped at line " + lineNo + ": " + e.getMessage()
                    + "; applied before it" + (e.outcomeUnknown() ? " (and perhaps the last batch)" : "") + ": "
                    + counts.result().describe(), e, e.outcomeUnknown());
        } catch (IOException e) {
            throw new UncheckedIOException("Import input failed after line " + lineNo + ": " + e.getMessage(), e);
        }
    }

    /** After a record joined the batch: applies the batch when full (or checks the atomic limit). */
    private void added(Batch pending, ImportOptions options, Counts counts) {
        if (options.atomic() && (pending.size() > ImportOptions.MAX_ATOMIC_ENTRIES || pending.chars > MAX_ATOMIC_CHARS)) {
            throw new KvValidationException("an atomic import holds at most " + ImportOptions.MAX_ATOMIC_ENTRIES
                    + " records and " + (MAX_ATOMIC_CHARS >> 20) + " MB of them; import without atomic");
        }
        if (!options.atomic() && (pending.size() >= BATCH || pending.chars >= BATCH_CHARS)) {
            flush(pending, options, counts);
        }
    }

    private static JsonNode parse(String line) {
        try {
            JsonNode record = JsonValues.MAPPER.readTree(line);
            if (record == null || !record.isObject()) {
                throw new KvValidationException("not a JSON object");
            }
            return record;
        } catch (JsonProcessingException e) {
            throw new KvValidationException("not JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static void checkHeader(JsonNode record, String type) {
        if (!type.equals(ExportFormat.HEADER) || !ExportFormat.FORMAT.equals(record.path("format").asText())) {
            throw new KvValidationException("not a KeyVal export: the first record must be"
                    + " {\"type\":\"header\",\"format\":\"" + ExportFormat.FORMAT + "\",...}");
        }
        JsonNode version = record.path("version");
        if (!version.canConvertToInt() || version.intValue() < 1) {
            throw new KvValidationException("the header's version must be a positive integer");
        }
        if (version.intValue() > ExportFormat.VERSION) {
            throw new KvValidationException("this export has format version " + version.intValue()
                    + ", newer than this plugin reads (" + ExportFormat.VERSION + "): upgrade the plugin to import it");
        }
    }

    private static FtsIndex index(JsonNode record) {
        Key prefix = KeyJson.parseKey(record.path("prefix"), false);
        JsonNode fields = record.path("fields");
        if (!fields.isArray()) {
            throw new KvValidationException("an index record needs a fields array");
        }
        List<String> paths = new ArrayList<>();
        fields.forEach(f -> paths.add(f.isTextual() ? f.textValue() : null));
        String tokenize = record.path("tokenize").asText(FtsTokenizer.UNICODE61.id());
        return new FtsIndex(prefix, paths, FtsTokenizer.of(tokenize));
    }

    private static Pending entry(JsonNode record) {
        Key key = KeyJson.parseKey(record.get("key"), false);
        JsonNode value = record.get("value");
        if (value == null) {
            throw new KvValidationException("an entry record needs a value");
        }
        String json = compact(value);
        JsonNode expiresAt = record.get("expiresAt");
        if (expiresAt != null && !expiresAt.isNull() && !expiresAt.canConvertToLong()) {
            throw new KvValidationException("expiresAt must be epoch milliseconds, received " + expiresAt);
        }
        return new Pending(key, json, expiresAt == null || expiresAt.isNull() ? null : expiresAt.longValue());
    }

    private static QueueRecords.Message message(JsonNode record) {
        JsonNode value = record.get("value");
        JsonNode backoff = record.path("backoffSchedule");
        JsonNode keys = record.get("keysIfUndelivered");
        if (value == null || !backoff.isArray()) {
            throw new KvValidationException("a message record needs a value and a backoffSchedule array");
        }
        List<Long> waits = new ArrayList<>();
        for (JsonNode wait : backoff) {
            if (!wait.isIntegralNumber() || !wait.canConvertToLong()) {
                throw new KvValidationException("backoffSchedule must hold integers (ms), received " + wait);
            }
            waits.add(wait.longValue());
        }
        List<Key> fallback = keys == null || keys.isNull() ? null : KeyJson.parseBatch(keys);
        return QueueRecords.message(text(record, "id"), compact(value), number(record, "priority"),
                number(record, "readyAt"), number(record, "attempts"), waits, fallback, number(record, "createdAt"));
    }

    private static DeadLetter deadLetter(JsonNode record) {
        JsonNode value = record.get("value");
        if (value == null) {
            throw new KvValidationException("a deadLetter record needs a value");
        }
        return QueueRecords.deadLetter(text(record, "id"), text(record, "originalId"), compact(value),
                text(record, "error"), number(record, "attempts"), number(record, "createdAt"), number(record, "failedAt"));
    }

    private static String text(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || !node.isTextual()) {
            throw new KvValidationException("field " + field + " must be a string");
        }
        return node.textValue();
    }

    private static long number(JsonNode record, String field) {
        JsonNode node = record.get(field);
        if (node == null || !node.canConvertToLong() || !node.isIntegralNumber()) {
            throw new KvValidationException("field " + field + " must be an integer");
        }
        return node.longValue();
    }

    private static String compact(JsonNode value) {
        return JsonValues.compact(JsonValues.write(value).getBytes(StandardCharsets.UTF_8));
    }

    /** Applies what is pending in one commit, and counts it. */
    private void flush(Batch pending, ImportOptions options, Counts counts) {
        if (pending.size() == 0) {
            return;
        }
        long now = clock.millis();
        long[] outcome;
        try {
            outcome = pipeline.submit(new WriteCommand<long[]>() {
                @Override
                public long[] apply(WriteContext ctx) throws SQLException {
                    long written = 0;
                    long skipped = 0;
                    for (Pending p : pending.entries) {
                        if (!options.overwrite() && ctx.readLive(p.key()).exists()) {
                            skipped++;
                        } else {
                            ctx.put(p.key(), p.json(), p.expiresAt());
                            written++;
                        }
                    }
                    queue.importRecords(ctx.session(), pending.messages, pending.deadLetters, now);
                    return new long[] {written, skipped};
                }

                /** In skip mode the batch's keys are read: in one query on PostgreSQL, not one each. */
                @Override
                public List<Key> keysRead() {
                    return options.overwrite() ? List.of() : pending.entries.stream().map(Pending::key).toList();
                }
            });
            queue.wakeFor(pending.messages, now);
            counts.entries += outcome[0];
            counts.skippedExisting += outcome[1];
            counts.messages += pending.messages.size();
            counts.deadLetters += pending.deadLetters.size();
        } finally {
            pending.clear(); // applied or failed: never submitted twice
        }
    }
}
