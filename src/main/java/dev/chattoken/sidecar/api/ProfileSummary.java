package dev.chattoken.sidecar.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.upstream.ProfileUpstream;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An active profile as {@code GET /v1/profiles} shows it: never the key, only its fingerprint, its age and the last
 * rotation that could not be used; for a vendor whose token only its API issues, no algorithm (nothing is signed here)
 * but the state of its calls to that API.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@Schema(requiredProperties = {"name", "vendor", "key_fingerprint", "key_loaded_at", "key_age_seconds", "previous_keys"})
public record ProfileSummary(
        @JsonProperty("name") String name,
        @JsonProperty("vendor") String vendor,

        @JsonProperty("algorithm")
        @Schema(description = "The signing algorithm; absent for a vendor whose token only its API issues")
        Optional<String> algorithm,

        @JsonProperty("kid") Optional<String> kid,
        @JsonProperty("key_fingerprint") String keyFingerprint,
        @JsonProperty("key_loaded_at") String keyLoadedAt,
        @JsonProperty("key_age_seconds") long keyAgeSeconds,
        @JsonProperty("previous_keys") int previousKeys,
        @JsonProperty("last_reload_error") Optional<ReloadError> lastReloadError,
        @JsonProperty("upstream") Optional<Upstream> upstream) {

    /** A key file change that was refused; the previous key still signs. */
    @Schema(requiredProperties = {"reason", "at"})
    public record ReloadError(
            @JsonProperty("reason") String reason,
            @JsonProperty("at") String at) {}

    /**
     * The calls to the vendor's API: where, the circuit breaker ({@code closed}, {@code open}, {@code half_open}), the
     * cache (tokens held, the most it holds, the most memory that may take), the rate budget and until when the vendor
     * asked to wait, the shared store ({@code off}, {@code up}, {@code down}) and the last failure.
     */
    @JsonInclude(JsonInclude.Include.NON_ABSENT)
    @Schema(
            requiredProperties = {
                "base_url",
                "breaker",
                "cached_tokens",
                "cache_size",
                "cache_bound_bytes",
                "rate_limit",
                "shared"
            })
    public record Upstream(
            @JsonProperty("base_url") String baseUrl,
            @JsonProperty("breaker") String breaker,
            @JsonProperty("cached_tokens") long cachedTokens,
            @JsonProperty("cache_size") int cacheSize,
            @JsonProperty("cache_bound_bytes") long cacheBoundBytes,
            @JsonProperty("rate_limit") String rateLimit,
            @JsonProperty("rate_limited_until") Optional<String> rateLimitedUntil,
            @JsonProperty("shared") String shared,
            @JsonProperty("last_failure") Optional<ReloadError> lastFailure) {

        static Upstream of(ProfileUpstream.State state) {
            return new Upstream(
                    state.baseUrl().toString(),
                    state.breaker().name().toLowerCase(Locale.ROOT),
                    state.cachedTokens(),
                    state.cacheSize(),
                    state.cacheBoundBytes(),
                    state.rateLimit().toString(),
                    state.rateLimitedUntil().map(Instant::toString),
                    state.shared().name().toLowerCase(Locale.ROOT),
                    state.lastFailure().map(f -> new ReloadError(f.reason(), f.at().toString())));
        }
    }

    static ProfileSummary of(Profile profile, Instant now, Optional<ProfileUpstream.State> upstream) {
        KeyRing.State state = profile.keys().state();
        return new ProfileSummary(
                profile.name(),
                profile.vendor().id(),
                upstream.isPresent()
                        ? Optional.empty()
                        : Optional.of(profile.rules().algorithm().name()),
                profile.kid(state.current(), state.keyId()),
                state.current().fingerprint(),
                state.loadedAt().toString(),
                state.age(now).toSeconds(),
                state.keysValidAt(now).size() - 1,
                state.lastFailure().map(f -> new ReloadError(f.reason(), f.at().toString())),
                upstream.map(Upstream::of));
    }
}
