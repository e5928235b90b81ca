package dev.chattoken.sidecar.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.SignedJWT;

import dev.chattoken.sidecar.keys.SigningAlgorithm;

/**
 * The test key of each key family, listed once: the file a test profile of that family mounts, and how a token
 * signed with it is verified here, independently of the sidecar (the JDK's {@code Mac} for HMAC, Nimbus for JWS).
 */
public final class Fixtures {

    /** The HMAC secret of every HMAC test profile (the file holds it plus a trailing newline). */
    public static final String HMAC_SECRET = Tokens.DG_SECRET;
    public static final Path HMAC_KEY_FILE = Tokens.KEYS.resolve("dg.secret");
    public static final Path RSA_KEY_FILE = Tokens.KEYS.resolve("kindly-pkcs8.pem");
    public static final String RSA_PUBLIC_PEM = "kindly-pkcs8.pub.pem";

    private Fixtures() {
    }

    /** The key file a profile signing with {@code algorithm} mounts. */
    public static Path keyFile(SigningAlgorithm algorithm) {
        return switch (algorithm.family()) {
            case HMAC -> HMAC_KEY_FILE;
            case RSA -> RSA_KEY_FILE;
        };
    }

    /** Checks a JWS's signature with the fixture of its family; returns it parsed. */
    public static SignedJWT verifiedJwt(String token, SigningAlgorithm algorithm) throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        if (!jwt.getHeader().getAlgorithm().equals(JWSAlgorithm.parse(algorithm.name()))) {
            throw new AssertionError("alg " + jwt.getHeader().getAlgorithm() + ", expected " + algorithm);
        }
        boolean valid = switch (algorithm.family()) {
            case HMAC -> MessageDigest.isEqual(hmac(jwt.getSigningInput()), jwt.getSignature().decode());
            case RSA -> jwt.verify(verifier(algorithm));
        };
        if (!valid) {
            throw new AssertionError("the signature does not verify with the " + algorithm + " fixture key");
        }
        return jwt;
    }

    private static JWSVerifier verifier(SigningAlgorithm algorithm) throws Exception {
        return switch (algorithm.family()) {
            case RSA -> new RSASSAVerifier(Tokens.publicKey(RSA_PUBLIC_PEM)); // RS256 and RS512 alike
            case HMAC -> throw new IllegalArgumentException("HMAC is checked with the JDK's Mac");
        };
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
