package dev.chattoken.sidecar.api;

import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.chattoken.sidecar.profile.Profile;

/** An active profile as {@code GET /v1/profiles} shows it: never the key, only its fingerprint. */
@JsonInclude(JsonInclude.Include.NON_ABSENT)
public record ProfileSummary(
        @JsonProperty("name") String name,
        @JsonProperty("vendor") String vendor,
        @JsonProperty("algorithm") String algorithm,
        @JsonProperty("kid") Optional<String> kid,
        @JsonProperty("key_fingerprint") String keyFingerprint) {

    static ProfileSummary of(Profile profile) {
        return new ProfileSummary(profile.name(), profile.vendor().id(), profile.vendor().algorithm().name(),
                profile.vendor().keyId(profile.settings(), profile.key()), profile.key().fingerprint());
    }
}
