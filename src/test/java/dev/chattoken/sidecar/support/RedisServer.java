package dev.chattoken.sidecar.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code redis-server} (Debian's package; {@code .ci/run} installs it) on a port of its own, for the tests of
 * the cache and rate budget the sidecars share: nothing persisted, loopback only, stopped and started again at will on
 * the same port. Where {@code redis-server} is missing, those tests are skipped, except under CI ({@code CI=true}),
 * where that is a failure.
 */
public final class RedisServer implements AutoCloseable {

    private final Path binary;
    private final int port;
    private Process process;

    private RedisServer(Path binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    /** The redis-server on the PATH, or the Debian package's; empty when there is none. */
    public static Optional<Path> binary() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(":"))
                .map(dir -> Path.of(dir, "redis-server"))
                .filter(Files::isExecutable)
                .findFirst()
                .or(() -> Optional.of(Path.of("/usr/bin/redis-server")).filter(Files::isExecutable));
    }

    /**
     * For {@code @EnabledIf}: true when a redis-server is there, and always under CI (where a missing one must fail the
     * tests that need it, not skip them).
     */
    public static boolean availableOrRequired() {
        return binary().isPresent() || "true".equals(System.getenv("CI"));
    }

    /** Skips the calling test without a redis-server, or fails it under CI. */
    public static Path require() {
        Optional<Path> binary = binary();
        if (binary.isEmpty() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("redis-server is required under CI: .ci/run installs Debian's redis-server");
        }
        Assumptions.assumeTrue(
                binary.isPresent(),
                "no redis-server (apt-get install redis-server): the shared-store tests are skipped");
        return binary.get();
    }

    public static RedisServer start() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RedisServer server = new RedisServer(require(), port);
        server.restart();
        return server;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts it (again), empty, and waits until it answers PING. */
    public void restart() throws Exception {
        stop();
        process = new ProcessBuilder(List.of(
                        binary.toString(),
                        "--port",
                        String.valueOf(port),
                        "--bind",
                        "127.0.0.1",
                        "--save",
                        "",
                        "--appendonly",
                        "no",
                        "--daemonize",
                        "no",
                        "--loglevel",
                        "warning"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("redis-server exited with " + process.exitValue());
            }
            try {
                if (command("PING").contains("PONG")) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new AssertionError("redis-server did not answer on " + port);
    }

    /** Stops it: every connection to it breaks, new ones are refused. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** One command in Redis' inline form, its raw reply (tests only: KEYS, GET, DBSIZE). */
    public String command(String... words) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            StringBuilder request = new StringBuilder("*" + words.length + "\r\n");
            for (String word : words) {
                request.append('$')
                        .append(word.getBytes(StandardCharsets.UTF_8).length)
                        .append("\r\n")
                        .append(word)
                        .append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[65536];
            StringBuilder reply = new StringBuilder();
            do {
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                reply.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                Thread.sleep(20); // the rest of a multi-part reply
            } while (in.available() > 0);
            return reply.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
