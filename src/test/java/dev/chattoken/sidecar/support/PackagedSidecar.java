package dev.chattoken.sidecar.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the packaged sidecar as its own process, configured by environment variables only, as a container would: the
 * native executable when {@code -Dnative} built one, else the JVM jar.
 */
public final class PackagedSidecar implements AutoCloseable {

    private final Process process;
    private final Path output;

    private PackagedSidecar(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** True in the integration tests against the native executable ({@code -Dnative}), where libcrypto signs. */
    public static boolean isNative() {
        return command().size() == 1;
    }

    public static List<String> command() {
        Path nativeExecutable = Path.of(System.getProperty("native.image.path", "target/none"));
        if (Files.isExecutable(nativeExecutable)) {
            return List.of(nativeExecutable.toAbsolutePath().toString());
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(
                java,
                "-jar",
                Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
    }

    public static PackagedSidecar start(Map<String, String> environment) throws IOException {
        Path output = Files.createTempFile("sidecar", ".log");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(k -> k.startsWith("CHAT_TOKEN_") || k.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        return new PackagedSidecar(builder.start(), output);
    }

    /** Waits for the process to end by itself; returns its exit status. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the sidecar did not exit within " + timeout);
        }
        return process.exitValue();
    }

    /** Waits until {@code url} answers 200. */
    public void awaitOk(String url, Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("the sidecar exited: " + output());
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no 200 from " + url + " within " + timeout + ": " + output());
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() throws IOException {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Files.deleteIfExists(output);
    }
}
