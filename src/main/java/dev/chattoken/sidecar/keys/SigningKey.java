package dev.chattoken.sidecar.keys;

import dev.chattoken.sidecar.crypto.Signer;
import dev.chattoken.sidecar.crypto.Signers;
import java.security.Key;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * A parsed, validated key, held in memory so that no request reads the disk. Implementations never print their
 * material: {@code toString} shows the fingerprint only.
 */
public sealed interface SigningKey permits HmacSecret, KeyPairKey {

    /** What kind of key this is; the profile's algorithm is one of its family. */
    SigningAlgorithm.Family family();

    /** The JCA key the signature is computed with. */
    Key signingKey();

    /** A short SHA-256 based fingerprint: safe to show, enough to tell two keys apart. */
    String fingerprint();

    /**
     * The signer this key signs {@code algorithm} (one of its {@link #family()}) with, chosen by {@code signers} and
     * proven by a test signature; the caller owns it and closes it once the key is replaced.
     *
     * @throws KeyFileException when the key cannot sign (the reason completes "key file F ...")
     */
    Signer newSigner(Signers signers, SigningAlgorithm algorithm) throws KeyFileException;

    /**
     * Whether {@code other} is the same key as a whole: the private key (its PKCS#8 encoding, in whatever format the
     * file held it) or the secret, not only the public half the fingerprint shows. Compared in constant time, the
     * copies erased after.
     */
    default boolean sameMaterialAs(SigningKey other) {
        byte[] mine = signingKey().getEncoded();
        byte[] theirs = other.signingKey().getEncoded();
        try {
            return family() == other.family() && mine != null && theirs != null && MessageDigest.isEqual(mine, theirs);
        } finally {
            if (mine != null) {
                Arrays.fill(mine, (byte) 0);
            }
            if (theirs != null) {
                Arrays.fill(theirs, (byte) 0);
            }
        }
    }
}
