package dev.chattoken.sidecar.keys;

/** The JWS algorithms the sidecar signs with; each one fixes the kind of key file a profile must mount. */
public enum SigningAlgorithm {
    /** HMAC-SHA256 with a vendor-issued secret (DG, Huggy, Kustomer). */
    HS256,
    /** RSASSA-PKCS1-v1_5 with SHA-256 and a private key of at least 2048 bits (Kindly). */
    RS256
}
