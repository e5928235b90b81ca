package dev.chattoken.sidecar.keys;

/** The JWS algorithms (RFC 7518) the sidecar signs with; each one fixes the family of key a profile must mount. */
public enum SigningAlgorithm {
    /** HMAC-SHA256 with a vendor-issued secret (DG, Huggy, Kustomer, and every HMAC digest). */
    HS256(Family.HMAC),
    /** HMAC-SHA384; the secret must be at least 48 bytes (RFC 7518 3.2). */
    HS384(Family.HMAC),
    /** HMAC-SHA512; the secret must be at least 64 bytes (RFC 7518 3.2). */
    HS512(Family.HMAC),
    /** RSASSA-PKCS1-v1_5 with SHA-256 and a private key of at least 2048 bits (Kindly). */
    RS256(Family.RSA),
    /** RSASSA-PKCS1-v1_5 with SHA-384, the same keys as RS256. */
    RS384(Family.RSA),
    /** RSASSA-PKCS1-v1_5 with SHA-512, the same keys as RS256 (Salesforce's alternative). */
    RS512(Family.RSA),
    /** RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt, the same keys as RS256. */
    PS256(Family.RSA),
    /** ECDSA on P-256 with SHA-256, the signature as JOSE's raw {@code R || S} (64 bytes). */
    ES256(Family.EC);

    /** What a key file of the algorithm holds. */
    public enum Family {
        /** a shared secret */
        HMAC,
        /** an RSA private key */
        RSA,
        /** an EC private key on P-256 */
        EC
    }

    private final Family family;

    SigningAlgorithm(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }
}
