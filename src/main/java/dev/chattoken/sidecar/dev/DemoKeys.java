package dev.chattoken.sidecar.dev;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.config.ProfileException;
import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.profile.ProfileLoader;
import dev.chattoken.sidecar.profile.ProfileRegistry;
import dev.chattoken.sidecar.vendors.Vendors;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Dev mode only ({@code ./mvnw quarkus:dev}): writes a demo key for every active profile whose key file does not exist
 * yet, so the built-in demo profiles answer at once. Existing files are left alone, so tokens stay verifiable across
 * restarts. Never part of a production build.
 */
@IfBuildProfile("dev")
@Startup(ProfileRegistry.STARTUP_PRIORITY - 100)
@ApplicationScoped
public class DemoKeys {

    private static final Logger LOG = Logger.getLogger(DemoKeys.class);

    public DemoKeys(ChatTokenConfig config, Vendors vendors) {
        SecureRandom random = new SecureRandom();
        for (String name : config.active().orElse(List.of())) {
            ChatTokenConfig.ProfileConfig profile = config.profiles().get(name.strip());
            if (profile == null
                    || profile.keyFile().isEmpty()
                    || Files.exists(profile.keyFile().get())) {
                continue;
            }
            SigningAlgorithm algorithm;
            try {
                ProfileSettings settings = ProfileLoader.settings(name.strip(), config);
                algorithm = ProfileLoader.rules(settings, ProfileLoader.vendor(settings, vendors))
                        .algorithm();
            } catch (ProfileException e) {
                continue; // the registry reports it
            }
            Path file = profile.keyFile().get();
            switch (algorithm.family()) {
                case HMAC -> write(file, demoSecret(random));
                case RSA -> writePair(file, "RSA", 2048);
                case EC -> writePair(file, "EC", 256); // P-256: the JDK's EC key size 256 is secp256r1
            }
            LOG.infof("dev mode: generated a demo %s key for profile '%s' at %s", algorithm, name, file);
        }
    }

    private static String demoSecret(SecureRandom random) {
        byte[] secret = new byte[64]; // enough for HS512 (RFC 7518 3.2), so for every HMAC algorithm
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret) + "\n";
    }

    /** The private key (PKCS#8 PEM) at {@code file}, and its public key beside it for verifying webhooks. */
    private static void writePair(Path file, String type, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
            generator.initialize(size);
            KeyPair pair = generator.generateKeyPair();
            write(file, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            write(
                    file.resolveSibling(file.getFileName() + ".pub"),
                    pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(type + " key generation is part of every Java runtime", e);
        }
    }

    static String pem(String label, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private static void write(Path file, String content) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(
                    dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.writeString(file, content, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo key " + file, e);
        }
    }
}
