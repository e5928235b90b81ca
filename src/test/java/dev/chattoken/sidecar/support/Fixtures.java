package dev.chattoken.sidecar.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The test key of each key family, listed once: the file a test profile of that family mounts, and how a token signed
 * with it is verified here, independently of the sidecar (the JDK's {@code Mac} for HMAC, Nimbus for JWS).
 */
public final class Fixtures {

    /** The HMAC secret of every HMAC test profile (the file holds it plus a trailing newline). */
    public static final String HMAC_SECRET = Tokens.DG_SECRET;

    public static final Path HMAC_KEY_FILE = Tokens.KEYS.resolve("dg.secret");
    public static final Path RSA_KEY_FILE = Tokens.KEYS.resolve("kindly-pkcs8.pem");
    public static final String RSA_PUBLIC_PEM = "kindly-pkcs8.pub.pem";
    /** A secret as long as HS512's output, so for HS384 and HS512 (RFC 7518 3.2); the file adds a newline. */
    public static final String LONG_HMAC_SECRET = "jwt-hs512-test-secret-0123456789abcdefghijklmnopqrstuvwxyzABCDEF";

    public static final Path LONG_HMAC_KEY_FILE = Tokens.KEYS.resolve("jwt-hs512.secret");
    /** One P-256 key ({@code openssl ecparam -name prime256v1 -genkey}) in the three forms, and its public key. */
    public static final Path EC_KEY_FILE = Tokens.KEYS.resolve("ec-p256-sec1.pem");

    public static final Path EC_PKCS8_KEY_FILE = Tokens.KEYS.resolve("ec-p256-pkcs8.pem");
    public static final Path EC_JWK_KEY_FILE = Tokens.KEYS.resolve("ec-p256.jwk.json");
    public static final String EC_PUBLIC_PEM = "ec-p256.pub.pem";
    /** A key on another curve, which ES256 refuses. */
    public static final Path EC_P384_KEY_FILE = Tokens.KEYS.resolve("ec-p384-sec1.pem");

    private Fixtures() {}

    /** The key file a profile signing with {@code algorithm} mounts. */
    public static Path keyFile(SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case HS256 -> HMAC_KEY_FILE;
            case HS384, HS512 -> LONG_HMAC_KEY_FILE;
            case RS256, RS384, RS512, PS256 -> RSA_KEY_FILE;
            case ES256 -> EC_KEY_FILE;
        };
    }

    /** One key file of each family but {@code family}'s: what a profile of {@code family} must refuse. */
    public static List<Path> keyFilesOfOtherFamilies(SigningAlgorithm.Family family) {
        return Arrays.stream(SigningAlgorithm.values())
                .filter(a -> a.family() != family)
                .collect(Collectors.toMap(
                        SigningAlgorithm::family,
                        Fixtures::keyFile,
                        (first, second) -> first,
                        () -> new EnumMap<>(SigningAlgorithm.Family.class)))
                .values()
                .stream()
                .toList();
    }

    public static ECPublicKey ecPublicKey() throws Exception {
        String pem = Files.readString(Tokens.KEYS.resolve(EC_PUBLIC_PEM), StandardCharsets.US_ASCII);
        byte[] der = Base64.getDecoder()
                .decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
    }

    /** Checks a JWS's signature with the fixture of its family; returns it parsed. */
    public static SignedJWT verifiedJwt(String token, SigningAlgorithm algorithm) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        if (!jwt.getHeader().getAlgorithm().equals(JWSAlgorithm.parse(algorithm.name()))) {
            throw new AssertionError("alg " + jwt.getHeader().getAlgorithm() + ", expected " + algorithm);
        }
        boolean valid = switch (algorithm.family()) {
            case HMAC ->
                MessageDigest.isEqual(
                        hmac(algorithm, jwt.getSigningInput()),
                        jwt.getSignature().decode());
            case RSA, EC -> jwt.verify(verifier(algorithm));
        };
        if (!valid) {
            throw new AssertionError("the signature does not verify with the " + algorithm + " fixture key");
        }
        return jwt;
    }

    private static JWSVerifier verifier(SigningAlgorithm algorithm) throws Exception {
        return switch (algorithm.family()) {
            case RSA -> new RSASSAVerifier(Tokens.publicKey(RSA_PUBLIC_PEM)); // RS256, RS384, RS512, PS256 alike
            case EC -> new ECDSAVerifier(ecPublicKey()); // takes JOSE's raw R || S only, not DER
            case HMAC -> throw new IllegalArgumentException("HMAC is checked with the JDK's Mac");
        };
    }

    /** The HMAC of {@code message} with the fixture secret of {@code algorithm}, computed by the JDK. */
    public static byte[] hmac(SigningAlgorithm algorithm, byte[] message) throws Exception {
        String macName = "HmacSHA" + algorithm.name().substring(2); // HS384 -> HmacSHA384
        String secret = keyFile(algorithm).equals(HMAC_KEY_FILE) ? HMAC_SECRET : LONG_HMAC_SECRET;
        Mac mac = Mac.getInstance(macName);
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), macName));
        return mac.doFinal(message);
    }

    /** HMAC-SHA256 of {@code message} with the fixture secret, computed by the JDK. */
    public static byte[] hmac(byte[] message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(HMAC_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(message);
    }

    public static String hmacHex(String message) throws Exception {
        return HexFormat.of().formatHex(hmac(message.getBytes(StandardCharsets.UTF_8)));
    }

    public static String hmacBase64(String message) throws Exception {
        return Base64.getEncoder().encodeToString(hmac(message.getBytes(StandardCharsets.UTF_8)));
    }
}
