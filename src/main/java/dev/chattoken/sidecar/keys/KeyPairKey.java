package dev.chattoken.sidecar.keys;

import java.security.PublicKey;

/** A private key with a public half to publish (JWKS, PEM) and verify with: RSA or EC. */
public sealed interface KeyPairKey extends SigningKey permits RsaKeyPair, EcKeyPair {

    PublicKey publicKey();

    /** The RFC 7638 JWK SHA-256 thumbprint of the public key, base64url: the default {@code kid}. */
    String thumbprint();
}
