package dev.chattoken.sidecar.support;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;

/** Collects the formatted messages one log category writes while it is open. */
public final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();

    private LogCapture(String category) {
        this.logger = Logger.getLogger(category);
        logger.addHandler(this);
    }

    public static LogCapture of(String category) {
        return new LogCapture(category);
    }

    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** The messages once there are at least {@code count}, for lines written by another thread (the audit log's). */
    public List<String> awaitMessages(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (messages.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return messages();
    }

    @Override
    @SuppressWarnings("deprecation") // the one getter that applies both printf and MessageFormat parameters, as logged
    public void publish(LogRecord r) {
        messages.add(r instanceof ExtLogRecord ext ? ext.getFormattedMessage() : r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
