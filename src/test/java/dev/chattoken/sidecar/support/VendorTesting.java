package dev.chattoken.sidecar.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chattoken.sidecar.api.StrictJson;
import dev.chattoken.sidecar.api.TokenRequest;
import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileLoader;
import dev.chattoken.sidecar.token.MintedToken;
import dev.chattoken.sidecar.token.TokenAssembly;
import dev.chattoken.sidecar.vendors.TokenContent;
import dev.chattoken.sidecar.vendors.UserIdentity;
import dev.chattoken.sidecar.vendors.Vendor;
import dev.chattoken.sidecar.vendors.Vendors;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Vendors as plain objects, without Quarkus: a profile loaded from options and a fixture key by the sidecar's own
 * loader, and requests parsed by the API's own JSON rules and minted by the sidecar's own assembly. For the vendors'
 * spec tests and the shared contract tests.
 */
public final class VendorTesting {

    private static final ObjectMapper JSON = strictJson();

    private VendorTesting() {}

    private static ObjectMapper strictJson() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }

    /** A profile named after the vendor with these options and the fixture key of its family. */
    public static Profile profile(Vendor vendor, Map<String, String> options) {
        return profile(vendor, options, Optional.empty());
    }

    /** @param keyFile the key to mount; empty: the fixture key of the family the profile's algorithm needs */
    public static Profile profile(Vendor vendor, Map<String, String> options, Optional<Path> keyFile) {
        Vendors vendors = new Vendors(List.of(vendor));
        ProfileSettings unkeyed =
                new ProfileSettings(vendor.id(), vendor.id(), Path.of("unset"), Optional.empty(), options);
        Path key = keyFile.orElseGet(
                () -> Fixtures.keyFile(ProfileLoader.rules(unkeyed, vendor).algorithm()));
        ProfileSettings settings = new ProfileSettings(vendor.id(), vendor.id(), key, Optional.empty(), options);
        return ProfileLoader.loadOne(settings, vendors, Duration.ofSeconds(30), Clock.systemUTC(), Signers.jdk());
    }

    /** The vendor's example profile. */
    public static Profile example(Vendor vendor) {
        return profile(vendor, vendor.example().options());
    }

    /** The startup refusal of a profile with these options: the one line the loader writes. */
    public static String refusal(Vendor vendor, Map<String, String> options) {
        try {
            profile(vendor, options);
        } catch (RuntimeException e) {
            return e.getMessage();
        }
        throw new AssertionError(vendor.id() + " accepted " + options);
    }

    public static Map<String, String> with(Map<String, String> options, String... keyValues) {
        Map<String, String> copy = new HashMap<>(options);
        for (int i = 0; i < keyValues.length; i += 2) {
            if (keyValues[i + 1] == null) {
                copy.remove(keyValues[i]);
            } else {
                copy.put(keyValues[i], keyValues[i + 1]);
            }
        }
        return copy;
    }

    /** A request body as the API parses it. */
    public static UserIdentity identity(String json) throws Exception {
        return JSON.readValue(json, TokenRequest.class).toIdentity();
    }

    public static MintedToken mint(Profile profile, String json) throws Exception {
        return new TokenAssembly().mint(profile, identity(json), Instant.now());
    }

    /**
     * What the profile's rules ask to have signed for a request (a JWT's header members and claims, or an HMAC's
     * message), before any signer: where a test takes its expectation from the vendor's own rules.
     */
    public static TokenContent content(Profile profile, String json) throws Exception {
        return profile.rules().build(identity(json), profile.keys().state().keyId(), Instant.now());
    }
}
