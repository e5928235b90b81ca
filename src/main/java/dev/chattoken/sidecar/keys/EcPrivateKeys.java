package dev.chattoken.sidecar.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.HashUtil;
import org.jose4j.lang.JoseException;

/**
 * EC private key files for ES256, in the forms OpenSSL and JOSE tools write: PEM SEC1 ({@code BEGIN EC PRIVATE KEY},
 * {@code openssl ecparam -genkey}), PEM PKCS#8 ({@code BEGIN PRIVATE KEY}, {@code openssl genpkey}) and a JWK
 * ({@code kty: EC, crv: P-256, x, y, d}). Only P-256 is taken: ES256 is defined on it alone. The public key is computed
 * from the private scalar, and a public key the file also holds (SEC1's, the JWK's x and y) must be it. PEM is read by
 * {@link PemPrivateKeys} (BouncyCastle's {@code PEMParser}); the keys themselves are the JDK's.
 */
final class EcPrivateKeys {

    private static final X9ECParameters P256 = ECNamedCurveTable.getByOID(X9ObjectIdentifiers.prime256v1);

    private EcPrivateKeys() {}

    static EcKeyPair parse(byte[] content) throws KeyFileException {
        String text = new String(content, StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new KeyFileException("is empty: expected an EC P-256 private key (PEM or JWK)");
        }
        if (text.startsWith("{")) {
            return fromJwk(text);
        }
        if (!text.contains("-----BEGIN ")) {
            throw new KeyFileException("is neither a PEM private key nor a JWK");
        }
        PrivateKeyInfo info =
                PemPrivateKeys.read(text, "EC").key(); // SEC1 or PKCS#8; PKCS#1 refused below by its algorithm
        return fromPrivateKeyInfo(info);
    }

    private static EcKeyPair fromPrivateKeyInfo(PrivateKeyInfo info) throws KeyFileException {
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(
                info.getPrivateKeyAlgorithm().getAlgorithm())) {
            throw new KeyFileException("holds a private key that is not an EC key, but the profile signs with ES256 "
                    + "and needs an EC P-256 key");
        }
        org.bouncycastle.asn1.sec.ECPrivateKey sec1;
        ASN1ObjectIdentifier curve;
        try {
            X962Parameters parameters =
                    X962Parameters.getInstance(info.getPrivateKeyAlgorithm().getParameters());
            if (!parameters.isNamedCurve()) {
                throw new KeyFileException(
                        "holds an EC key with explicit curve parameters; ES256 takes the named curve P-256");
            }
            curve = ASN1ObjectIdentifier.getInstance(parameters.getParameters());
            sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        } catch (IOException | RuntimeException e) {
            throw new KeyFileException("is not a valid EC private key (corrupt)");
        }
        if (!X9ObjectIdentifiers.prime256v1.equals(curve)) {
            String name = Optional.ofNullable(ECNamedCurveTable.getName(curve)).orElse(curve.getId());
            throw new KeyFileException("holds an EC key on curve " + name + "; ES256 signs on P-256 (prime256v1) only");
        }
        Optional<ECPoint> declared;
        try {
            declared = sec1.getPublicKey() == null
                    ? Optional.empty()
                    : Optional.of(
                            P256.getCurve().decodePoint(sec1.getPublicKey().getOctets()));
        } catch (RuntimeException e) {
            throw new KeyFileException("holds an EC public key that is not a point of P-256");
        }
        return pair(sec1.getKey(), declared);
    }

    private static EcKeyPair fromJwk(String json) throws KeyFileException {
        JsonWebKey jwk;
        try {
            jwk = JsonWebKey.Factory.newJwk(json);
        } catch (JoseException | RuntimeException e) {
            throw new KeyFileException("is not a valid JWK (" + e.getClass().getSimpleName() + ")");
        }
        if (!(jwk instanceof EllipticCurveJsonWebKey ec)) {
            throw new KeyFileException("holds a JWK of type '" + jwk.getKeyType() + "', but the profile signs with "
                    + "ES256 and needs an EC P-256 key");
        }
        if (!EllipticCurves.P_256.equals(ec.getCurveName())) {
            throw new KeyFileException("holds an EC JWK on curve " + ec.getCurveName() + "; ES256 signs on P-256 only");
        }
        if (ec.getEcPrivateKey() == null) {
            throw new KeyFileException("holds a public JWK (no 'd'), but signing needs the EC private key");
        }
        java.security.spec.ECPoint w = ec.getECPublicKey().getW();
        ECPoint declared;
        try {
            declared = P256.getCurve().validatePoint(w.getAffineX(), w.getAffineY());
        } catch (RuntimeException e) {
            throw new KeyFileException("holds an EC JWK whose x and y are not a point of P-256");
        }
        return pair(ec.getEcPrivateKey().getS(), Optional.of(declared));
    }

    /** @param declared the public key the file states, which must be {@code d}'s */
    private static EcKeyPair pair(BigInteger d, Optional<ECPoint> declared) throws KeyFileException {
        if (d.signum() <= 0 || d.compareTo(P256.getN()) >= 0) {
            throw new KeyFileException("holds an EC private key outside the range of P-256");
        }
        ECPoint q = new FixedPointCombMultiplier().multiply(P256.getG(), d).normalize();
        if (declared.isPresent() && !declared.get().normalize().equals(q)) {
            throw new KeyFileException("holds an EC public key (x, y) that does not belong to its private key (d)");
        }
        ECPrivateKey privateKey;
        ECPublicKey publicKey;
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec spec = parameters.getParameterSpec(ECParameterSpec.class);
            KeyFactory factory = KeyFactory.getInstance("EC");
            privateKey = (ECPrivateKey) factory.generatePrivate(new ECPrivateKeySpec(d, spec));
            publicKey = (ECPublicKey) factory.generatePublic(new ECPublicKeySpec(
                    new java.security.spec.ECPoint(
                            q.getAffineXCoord().toBigInteger(),
                            q.getAffineYCoord().toBigInteger()),
                    spec));
        } catch (GeneralSecurityException e) {
            throw new KeyFileException(
                    "holds an EC key the JDK cannot use (" + e.getClass().getSimpleName() + ")");
        }
        String thumbprint;
        try {
            thumbprint = new EllipticCurveJsonWebKey(publicKey).calculateBase64urlEncodedThumbprint(HashUtil.SHA_256);
        } catch (RuntimeException e) {
            throw new KeyFileException("holds an EC key whose thumbprint cannot be computed");
        }
        return new EcKeyPair(privateKey, publicKey, thumbprint, Fingerprints.ofPublicKey(publicKey));
    }
}
