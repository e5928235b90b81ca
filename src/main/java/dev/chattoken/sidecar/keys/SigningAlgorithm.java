package dev.chattoken.sidecar.keys;

/** The JWS algorithms the sidecar signs with; each one fixes the family of key a profile must mount. */
public enum SigningAlgorithm {
    /** HMAC-SHA256 with a vendor-issued secret (DG, Huggy, Kustomer, and every HMAC digest). */
    HS256(Family.HMAC),
    /** RSASSA-PKCS1-v1_5 with SHA-256 and a private key of at least 2048 bits (Kindly). */
    RS256(Family.RSA),
    /** RSASSA-PKCS1-v1_5 with SHA-512, the same keys as RS256 (Salesforce's alternative). */
    RS512(Family.RSA);

    /** What a key file of the algorithm holds. */
    public enum Family {
        /** a shared secret */
        HMAC,
        /** an RSA private key */
        RSA
    }

    private final Family family;

    SigningAlgorithm(Family family) {
        this.family = family;
    }

    public Family family() {
        return family;
    }
}
