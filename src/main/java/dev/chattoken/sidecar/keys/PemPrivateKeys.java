package dev.chattoken.sidecar.keys;

import java.io.IOException;
import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The private key of a PEM key file, for every key family: read by BouncyCastle's {@code PEMParser}, which takes PKCS#8
 * ({@code BEGIN PRIVATE KEY}), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1 ({@code BEGIN EC PRIVATE KEY}, after the
 * {@code EC PARAMETERS} block {@code openssl ecparam -genkey} writes first) alike, as a PKCS#8 {@link PrivateKeyInfo}.
 * What is not an unencrypted private key is refused by name; no message quotes the file.
 */
final class PemPrivateKeys {

    /** The first block's label, to name a truncated file (PEMParser only says it found no END line). */
    private static final Pattern BEGIN = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----");

    /** A PEM file's private key, and the block it came from ({@code "PRIVATE KEY"}, {@code "RSA PRIVATE KEY"}, ...). */
    record Read(String label, PrivateKeyInfo key) {}

    private PemPrivateKeys() {}

    /**
     * @param text the file: text around the PEM blocks is ignored, as OpenSSL ignores it
     * @param family {@code "RSA"} or {@code "EC"}: the key the profile needs, for the messages
     */
    static Read read(String text, String family) throws KeyFileException {
        Matcher begin = BEGIN.matcher(text);
        String label = begin.find() ? begin.group(1) : "";
        if (text.contains("-----BEGIN EC PARAMETERS-----")) { // the curve, then the key: name the key's block
            Matcher key = BEGIN.matcher(text);
            while (key.find()) {
                label = key.group(1);
            }
        }
        if (!text.contains("-----END " + label + "-----")) {
            throw new KeyFileException("holds a truncated PEM block (no matching END line)");
        }
        if (label.contains("ENCRYPTED")
                || text.contains("Proc-Type: 4,ENCRYPTED")) { // PKCS#8's own label, PKCS#1/SEC1's header
            throw new KeyFileException(
                    "holds an encrypted " + (label.equals("ENCRYPTED PRIVATE KEY") ? "PKCS#8" : family)
                            + " key: mount the key without a passphrase");
        }
        Object pem;
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            pem = parser.readObject();
            if (pem instanceof ASN1ObjectIdentifier) { // the EC PARAMETERS block before the key
                pem = parser.readObject();
            }
        } catch (IOException | RuntimeException e) {
            throw new KeyFileException("holds a PEM '" + label + "' block that cannot be read as a private key ("
                    + e.getClass().getSimpleName() + ")");
        }
        PrivateKeyInfo key = switch (pem) {
            case PEMKeyPair pair -> pair.getPrivateKeyInfo(); // PKCS#1 and SEC1, as PKCS#8
            case PrivateKeyInfo pkcs8 -> pkcs8;
            case PEMEncryptedKeyPair encrypted ->
                throw new KeyFileException("holds an encrypted " + family + " key: mount the key without a passphrase");
            case PKCS8EncryptedPrivateKeyInfo encrypted ->
                throw new KeyFileException("holds an encrypted PKCS#8 key: mount the key without a passphrase");
            case SubjectPublicKeyInfo publicKey ->
                throw new KeyFileException("holds a public key, but signing needs the " + family + " private key");
            case X509CertificateHolder certificate ->
                throw new KeyFileException("holds a certificate, but signing needs the " + family + " private key");
            case null -> throw new KeyFileException("holds a truncated or unknown PEM block");
            default -> throw new KeyFileException("holds a PEM '" + label + "' block, not a private key");
        };
        return new Read(label, key);
    }
}
