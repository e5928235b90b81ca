package dev.chattoken.sidecar.vendors;

import java.time.Instant;
import java.util.Optional;

/**
 * One token request as a claim sees it: who the user is, the id issued with the key that will sign, the request's time
 * in whole seconds, and the token's expiry when it has one.
 */
public record Minting(UserIdentity identity, Optional<String> keyId, Instant now, Optional<Instant> expiresAt) {}
