package dev.chattoken.sidecar.token;

import java.util.Map;
import java.util.Optional;

/**
 * A token whose signature, algorithm, key id, times and issuer checked out for a profile.
 *
 * @param keyFingerprint the fingerprint of the key that verified it (current or previous)
 */
public record VerifiedToken(
        String profile, String algorithm, Optional<String> keyId, String keyFingerprint, Map<String, Object> claims) {}
