package dev.chattoken.sidecar.keys;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps each {@link KeyRing} in step with its mounted file.
 *
 * <p>Kubernetes updates a Secret volume by writing a new timestamped folder and swapping the {@code ..data} symlink;
 * the file path stays the same and only the folder holding it sees events. So the watcher listens to each key file's
 * folder (inotify through {@link WatchService}) and, as a backstop for file systems without events and for missed ones,
 * re-reads every file each {@code interval}. A file is re-parsed only when its bytes changed, so each change is logged
 * once. One watcher (one thread) serves every secret file of the process: the profiles' keys, the caller token, the
 * audit key.
 */
public final class SecretFileWatcher implements AutoCloseable {

    /** A mounted file the watcher keeps re-reading: a profile's key, the caller token. */
    public interface WatchedFile {
        Path file();

        /** Re-reads the file and takes in a change; called on folder events and every interval. */
        void reread();
    }

    private static final Logger LOG = Logger.getLogger(SecretFileWatcher.class);
    /** Kubelet writes a folder, a symlink and a rename in quick succession: let them settle before reading. */
    private static final Duration SETTLE = Duration.ofMillis(50);

    private final List<WatchedFile> watched = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Duration interval;
    private final Map<Path, WatchKey> watchKeys = new HashMap<>();
    private volatile WatchService watchService;
    private volatile boolean closed;
    private Thread thread;

    public SecretFileWatcher(Duration interval) {
        this.interval = interval;
    }

    /** Adds a file (its folder is watched from now on); it is re-read with the others from the next check. */
    public void watch(WatchedFile file) {
        watched.add(file);
        registerFolders();
    }

    public synchronized void start() {
        try {
            watchService = FileSystems.getDefault().newWatchService();
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warnf(
                    "key files are re-read every %ss only: no file events on this system (%s)",
                    interval.toSeconds(), e.getClass().getSimpleName());
        }
        registerFolders();
        thread = Thread.ofPlatform().daemon().name("chat-token-key-watcher").start(this::run);
    }

    /** True while the watcher thread runs: a dead watcher means rotations no longer arrive. */
    public boolean isRunning() {
        return thread != null && thread.isAlive() && !closed;
    }

    /** Checks every file now. The watcher thread calls it; tests may too. */
    public synchronized void checkAll() {
        for (WatchedFile w : watched) {
            w.reread();
        }
    }

    private void run() {
        while (!closed) {
            try {
                if (awaitEvent()) {
                    Thread.sleep(SETTLE);
                    drainEvents();
                } else {
                    registerFolders(); // a folder may have come back after being replaced
                }
                checkAll();
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (RuntimeException e) { // never let one bad check end the watcher
                LOG.errorf("key file check failed: %s", e.getClass().getName());
            }
        }
    }

    /** Waits up to the interval for a file event in a watched folder; false when the interval passed. */
    private boolean awaitEvent() throws InterruptedException {
        WatchService service = watchService;
        if (service == null) {
            Thread.sleep(interval);
            return false;
        }
        WatchKey key = service.poll(interval.toMillis(), TimeUnit.MILLISECONDS);
        if (key == null) {
            return false;
        }
        key.pollEvents();
        key.reset();
        return true;
    }

    private void drainEvents() {
        WatchKey key;
        while ((key = watchService.poll()) != null) {
            key.pollEvents();
            key.reset();
        }
    }

    private synchronized void registerFolders() {
        if (watchService == null) {
            return;
        }
        Set<Path> folders = new LinkedHashSet<>();
        for (WatchedFile w : watched) {
            Optional.ofNullable(w.file().toAbsolutePath().getParent()).ifPresent(folders::add);
        }
        for (Path folder : folders) {
            WatchKey existing = watchKeys.get(folder);
            if (existing != null && existing.isValid()) {
                continue;
            }
            try {
                watchKeys.put(
                        folder,
                        folder.register(
                                watchService,
                                StandardWatchEventKinds.ENTRY_CREATE,
                                StandardWatchEventKinds.ENTRY_MODIFY,
                                StandardWatchEventKinds.ENTRY_DELETE));
            } catch (IOException | RuntimeException e) {
                LOG.debugf(
                        "cannot watch %s (%s); it is re-read every %ss",
                        folder, e.getClass().getSimpleName(), interval.toSeconds());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
        try {
            if (watchService != null) {
                watchService.close();
            }
        } catch (IOException e) {
            // closing on shutdown: nothing left to do
        }
    }
}
