package dev.chattoken.sidecar.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.keys.SecretFileWatcher;
import dev.chattoken.sidecar.support.LogCapture;
import dev.chattoken.sidecar.vendors.UserIdentity;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The audit writer loses no line: what is still queued when the application stops is written out by the time
 * {@code drain()} returns, and a token minted after it writes its own line at once. (On a real shutdown the HTTP
 * server's 1 s delay usually leaves nothing queued, so {@code AuditOnShutdownIT} cannot tell a drain from none; here
 * the queue is full when it stops.)
 */
class AuditLogDrainTest {

    private static final int THREADS = 4;
    private static final int PER_THREAD = 5_000;

    @Test
    void everyQueuedLineIsWrittenWhenTheApplicationStopsAndLaterOnesAtOnce() throws Exception {
        ChatTokenConfig config = new SmallRyeConfigBuilder()
                .withMapping(ChatTokenConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .build()
                .getConfigMapping(ChatTokenConfig.class);
        AuditLog audit = new AuditLog(config, new SecretFileWatcher(Duration.ofSeconds(10)));
        UserIdentity identity = new UserIdentity(
                Optional.of("u"),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        try (LogCapture lines = LogCapture.of("chattoken.audit")) {
            ExecutorService minters = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String profile = "p" + t;
                done.add(minters.submit(() -> {
                    for (int i = 0; i < PER_THREAD; i++) {
                        audit.minted(token(profile, i), identity);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            minters.shutdown();
            audit.drain();
            List<String> written = lines.messages();
            assertEquals(THREADS * PER_THREAD, written.size(), "every line is written by the time drain() returns");
            for (int t = 0; t < THREADS; t++) {
                String profile = "profile=p" + t + " ";
                List<String> own =
                        written.stream().filter(l -> l.contains(profile)).toList();
                assertEquals(PER_THREAD, own.size());
            }

            audit.minted(token("after", 0), identity);
            assertEquals(
                    THREADS * PER_THREAD + 1, lines.messages().size(), "after the stop, the request thread writes");
            assertEquals(
                    "token minted profile=after vendor=dg kid=k expires_at=1700000000",
                    lines.messages().getLast());
        }
    }

    private static MintedToken token(String profile, int i) {
        return new MintedToken(
                "t" + i, profile, "dg", Optional.of("k"), Optional.of(Instant.ofEpochSecond(1_700_000_000)), Map.of());
    }
}
