package dev.chattoken.sidecar.support;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certificate authority and a server certificate it signed (for {@code localhost}, {@code vendor.test} and
 * {@code 127.0.0.1}): the server's PKCS#12 key store for a fake vendor's HTTPS port, the CA as a PEM bundle like a
 * system's CA bundle.
 */
public record TestTls(Path keyStore, String password, Path caBundle) {

    public static TestTls create(Path directory) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair ca = rsa.generateKeyPair();
        KeyPair server = rsa.generateKeyPair();
        Instant now = Instant.now();
        X500Name caName = new X500Name("CN=chat-token-sidecar test CA");
        X509Certificate caCert = sign(
                new JcaX509v3CertificateBuilder(
                                caName,
                                BigInteger.ONE,
                                Date.from(now.minus(Duration.ofHours(1))),
                                Date.from(now.plus(Duration.ofDays(2))),
                                caName,
                                ca.getPublic())
                        .addExtension(Extension.basicConstraints, true, new BasicConstraints(true)),
                ca);
        X509Certificate serverCert = sign(
                new JcaX509v3CertificateBuilder(
                                caName,
                                BigInteger.TWO,
                                Date.from(now.minus(Duration.ofHours(1))),
                                Date.from(now.plus(Duration.ofDays(2))),
                                new X500Name("CN=vendor.test"),
                                server.getPublic())
                        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                            new GeneralName(GeneralName.dNSName, "vendor.test"),
                            new GeneralName(GeneralName.dNSName, "localhost"),
                            new GeneralName(GeneralName.iPAddress, "127.0.0.1")
                        })),
                ca);
        String password = "test-key-store";
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
                "server", server.getPrivate(), password.toCharArray(), new Certificate[] {serverCert, caCert});
        Path keyStore = directory.resolve("fake-vendor.p12");
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            store.store(out, password.toCharArray());
        }
        Path bundle = directory.resolve("ca-bundle.pem");
        Files.writeString(
                bundle,
                "-----BEGIN CERTIFICATE-----\n"
                        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(caCert.getEncoded())
                        + "\n-----END CERTIFICATE-----\n");
        return new TestTls(keyStore, password, bundle);
    }

    private static X509Certificate sign(org.bouncycastle.cert.X509v3CertificateBuilder builder, KeyPair issuer)
            throws Exception {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
    }
}
