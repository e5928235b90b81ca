package dev.chattoken.sidecar.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A Secret volume laid out exactly as the kubelet's AtomicWriter does it:
 *
 * <pre>
 * dir/..2026_11_21_10_00_00.123/key   the data, one folder per version
 * dir/..data -> ..2026_11_21_10_00_00.123
 * dir/key -> ..data/key                the path the container reads never changes
 * </pre>
 *
 * An update writes a new timestamped folder, points {@code ..data_tmp} at it, renames {@code ..data_tmp} over
 * {@code ..data} (the atomic step) and removes the old folder.
 */
public final class KubeletSecretVolume {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("'..'yyyy_MM_dd_HH_mm_ss.SSS");

    private final Path dir;
    private LocalDateTime clock = LocalDateTime.of(2026, 11, 21, 10, 0, 0, 123_000_000);
    private Path current;

    public KubeletSecretVolume(Path dir, Map<String, byte[]> files) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
            current = writeVersion(files);
            Files.createSymbolicLink(dir.resolve("..data"), current.getFileName());
            for (String name : files.keySet()) {
                Files.createSymbolicLink(dir.resolve(name), Path.of("..data", name));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** Replaces the volume's content as the kubelet does when the Secret changes. */
    public synchronized void update(Map<String, byte[]> files) {
        try {
            Path previous = current;
            current = writeVersion(files);
            Path tmp = dir.resolve("..data_tmp");
            Files.deleteIfExists(tmp);
            Files.createSymbolicLink(tmp, current.getFileName());
            Files.move(tmp, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            for (String name : files.keySet()) {
                if (!Files.exists(dir.resolve(name), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.createSymbolicLink(dir.resolve(name), Path.of("..data", name));
                }
            }
            deleteTree(previous);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void update(String name, String content) {
        update(Map.of(name, content.getBytes(StandardCharsets.UTF_8)));
    }

    private Path writeVersion(Map<String, byte[]> files) throws IOException {
        clock = clock.plusSeconds(1);
        Path version = Files.createDirectory(dir.resolve(clock.format(STAMP)));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Files.write(version.resolve(file.getKey()), file.getValue());
        }
        return version;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
