package dev.chattoken.sidecar.crypto;

/**
 * The RSASSA-PKCS1-v1_5 signatures the signers compute, named as JWS names them: the hash is the only difference, so
 * one JDK signer and one libcrypto signer serve them all. Adding one (as RS384 was) is one constant here, its
 * known-answer signature and its {@code keys.SigningAlgorithm} constant.
 */
public enum RsaAlgorithm {
    /** SHA-256 */
    RS256("SHA256withRSA", "EVP_sha256"),
    /** SHA-384 */
    RS384("SHA384withRSA", "EVP_sha384"),
    /** SHA-512 (Salesforce accepts RS256 and RS512) */
    RS512("SHA512withRSA", "EVP_sha512");

    private final String jcaName;
    private final String libcryptoDigest;

    RsaAlgorithm(String jcaName, String libcryptoDigest) {
        this.jcaName = jcaName;
        this.libcryptoDigest = libcryptoDigest;
    }

    /** The JDK's {@code Signature} algorithm name. */
    String jcaName() {
        return jcaName;
    }

    /** The libcrypto function that returns the {@code EVP_MD} of the hash. */
    String libcryptoDigest() {
        return libcryptoDigest;
    }
}
