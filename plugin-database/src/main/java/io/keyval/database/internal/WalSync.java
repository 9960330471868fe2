package io.keyval.database.internal;

import io.keyval.database.DatabaseException;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Group commit for SQLite's {@code synchronous=FULL}: the writer connection runs with
 * {@code synchronous=NORMAL} (a commit writes its WAL frames but does not sync them) and this class
 * syncs the WAL file afterwards, outside the write lock. One {@code fdatasync} makes durable every
 * commit whose frames were written before it started, so commits that land while a sync is running
 * share the next one, and the next transaction runs while the previous one is being synced.
 *
 * <p>The guarantee is the one {@code FULL} gives: a commit is acknowledged only after its frames are
 * synced, and nothing reads a commit before that — readers call {@link #awaitVisibleCommits()} after
 * their work, which waits for every commit they could have seen. WAL frames carry checksums and a
 * commit marker, so a crash during a sync leaves the last complete synced commit as the end of the
 * log. {@code NORMAL} still syncs the WAL before each checkpoint and the database file after it, so
 * frames are never dropped before they are in the synced database file.
 *
 * <p>The WAL file keeps its inode while any connection of the adapter is open (SQLite deletes it only
 * when the last connection closes), so syncing it through a channel of our own reaches SQLite's writes.
 */
final class WalSync implements AutoCloseable {

    private final Path file;
    private volatile FileChannel wal; // replaced only by the thread holding the sync (see sync())
    private final Object state = new Object();
    // Commit numbers: started before COMMIT runs (readers may see it from then on), written when COMMIT
    // returned (its frames are in the file), durable when a sync that began after that returned.
    private volatile long started;
    private long written;
    private volatile long durable;
    private boolean syncing;

    private WalSync(Path file, FileChannel wal) {
        this.file = file;
        this.wal = wal;
    }

    /**
     * @param walFile the database's {@code -wal} file, which must exist
     * @return a syncer for it
     * @throws IOException if the file cannot be opened
     */
    static WalSync open(Path walFile) throws IOException {
        return new WalSync(walFile, FileChannel.open(walFile, StandardOpenOption.READ));
    }

    /**
     * Called under the write lock just before {@code COMMIT}.
     *
     * @return the commit's number, for {@link #commitWritten} and {@link #awaitDurable}
     */
    long commitStarting() {
        synchronized (state) {
            return ++started;
        }
    }

    /**
     * Called under the write lock when {@code COMMIT} returned (or failed: then it wrote nothing).
     *
     * @param commit the number from {@link #commitStarting}
     */
    void commitWritten(long commit) {
        synchronized (state) {
            written = commit;
            if (!syncing) {
                state.notifyAll(); // during a sync, waiters can only go on when it ends (which notifies)
            }
        }
    }

    /** @return the number of the latest commit, written or about to be */
    long latestCommit() {
        return started;
    }

    /**
     * @param commit a commit number
     * @return whether it is durable
     */
    boolean isDurable(long commit) {
        return durable >= commit;
    }

    /** @return whether every commit a reader could see now is durable */
    boolean allVisibleDurable() {
        return durable >= started;
    }

    /** Waits until every commit a reader could have seen so far is durable. */
    void awaitVisibleCommits() {
        long latest = started;
        if (durable < latest) {
            awaitDurable(latest);
        }
    }

    /**
     * Waits until the commit and all before it are durable, syncing the WAL on this thread unless a
     * sync that covers it is already running.
     *
     * @param commit a commit number
     * @throws DatabaseException if the sync fails: the commit may not survive a power loss
     */
    void awaitDurable(long commit) {
        if (durable >= commit) {
            return;
        }
        long target;
        boolean interrupted = false;
        synchronized (state) {
            try {
                while (true) {
                    if (durable >= commit) {
                        return;
                    }
                    if (!syncing && written >= commit) {
                        syncing = true;
                        target = written;
                        break;
                    }
                    try {
                        state.wait();
                    } catch (InterruptedException e) {
                        interrupted = true; // the commit is written: wait for its outcome all the same
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        boolean synced = false;
        try {
            sync();
            synced = true;
        } catch (IOException e) {
            throw new DatabaseException("Syncing the SQLite WAL " + file + " failed; recent commits may not be"
                    + " durable: " + e.getMessage(), e);
        } finally {
            synchronized (state) {
                syncing = false;
                if (synced) {
                    durable = Math.max(durable, target);
                }
                state.notifyAll();
            }
        }
    }

    /**
     * {@code fdatasync} of the WAL. An interrupt during {@code force} closes a {@link FileChannel}, which
     * must not cost the other writers their syncs: the channel is reopened and the sync repeated.
     */
    private void sync() throws IOException {
        boolean interrupted = Thread.interrupted();
        try {
            wal.force(false);
        } catch (ClosedChannelException e) {
            interrupted |= Thread.interrupted();
            wal = FileChannel.open(file, StandardOpenOption.READ);
            wal.force(false);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() throws IOException {
        wal.close();
    }
}
