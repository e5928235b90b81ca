package dev.chattoken.sidecar.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.profile.Profile;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An active profile as {@code GET /v1/profiles} shows it: never the key, only its fingerprint, its age and the last
 * rotation that could not be used.
 */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
@Schema(
        requiredProperties = {
            "name",
            "vendor",
            "algorithm",
            "key_fingerprint",
            "key_loaded_at",
            "key_age_seconds",
            "previous_keys"
        })
public record ProfileSummary(
        @JsonProperty("name") String name,
        @JsonProperty("vendor") String vendor,
        @JsonProperty("algorithm") String algorithm,
        @JsonProperty("kid") Optional<String> kid,
        @JsonProperty("key_fingerprint") String keyFingerprint,
        @JsonProperty("key_loaded_at") String keyLoadedAt,
        @JsonProperty("key_age_seconds") long keyAgeSeconds,
        @JsonProperty("previous_keys") int previousKeys,
        @JsonProperty("last_reload_error") Optional<ReloadError> lastReloadError) {

    /** A key file change that was refused; the previous key still signs. */
    @Schema(requiredProperties = {"reason", "at"})
    public record ReloadError(
            @JsonProperty("reason") String reason,
            @JsonProperty("at") String at) {}

    static ProfileSummary of(Profile profile, Instant now) {
        KeyRing.State state = profile.keys().state();
        return new ProfileSummary(
                profile.name(),
                profile.vendor().id(),
                profile.rules().algorithm().name(),
                profile.kid(state.current(), state.keyId()),
                state.current().fingerprint(),
                state.loadedAt().toString(),
                state.age(now).toSeconds(),
                state.keysValidAt(now).size() - 1,
                state.lastFailure().map(f -> new ReloadError(f.reason(), f.at().toString())));
    }
}
