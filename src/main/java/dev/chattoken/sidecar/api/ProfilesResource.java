package dev.chattoken.sidecar.api;

import dev.chattoken.sidecar.http.Problem;
import dev.chattoken.sidecar.http.ProblemType;
import dev.chattoken.sidecar.keys.HmacSecret;
import dev.chattoken.sidecar.keys.KeyPairKey;
import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.keys.PublicJwk;
import dev.chattoken.sidecar.keys.RsaKeyPair;
import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.profile.ProfileRegistry;
import dev.chattoken.sidecar.token.UpstreamMinter;
import dev.chattoken.sidecar.vendors.UpstreamRules;
import io.smallrye.common.annotation.NonBlocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.resteasy.reactive.RestPath;

/**
 * What this sidecar serves: the active profiles, and the public keys of the asymmetric ones (as a JWKS, and the current
 * one as PEM for vendors that fetch a single PEM key).
 */
@Path("/v1/profiles")
public class ProfilesResource {

    private static final String PEM_MEDIA_TYPE = "application/x-pem-file";
    /** PEM's 64-column base64 lines (RFC 7468 section 2), with the LF line ends OpenSSL writes. */
    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private final ProfileRegistry profiles;
    private final Clock clock;
    private final UpstreamMinter upstream;

    public ProfilesResource(ProfileRegistry profiles, Clock clock, UpstreamMinter upstream) {
        this.upstream = upstream;
        this.profiles = profiles;
        this.clock = clock;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    @Operation(
            summary = "The active profiles",
            description = "Name, vendor, algorithm, kid, key fingerprint, key age "
                    + "and the last key rotation that could not be used; for a vendor whose token only its API issues, "
                    + "the state of its calls (breaker, cache, rate budget, shared store, last failure). Never a key or "
                    + "secret.")
    public List<ProfileSummary> list() {
        Instant now = clock.instant();
        return profiles.all().stream()
                .map(p -> ProfileSummary.of(p, now, upstream.state(p.name())))
                .toList();
    }

    /** The JWKS a webhook verifies this profile's tokens with. */
    @Schema(requiredProperties = "keys")
    public record Jwks(List<Map<String, Object>> keys) {}

    @GET
    @Path("/{profile}/jwks.json")
    @Produces(MediaType.APPLICATION_JSON)
    @NonBlocking
    @Operation(
            summary = "The profile's public keys as a JWKS",
            description = "The current key and the previous keys "
                    + "whose tokens may still be valid (kty, kid, alg, use, and n, e for RSA or crv, x, y for EC; x5c and x5t#S256 where the vendor takes a "
                    + "certificate of the key). HMAC profiles have no public key: 404.")
    @APIResponse(responseCode = "200", description = "The key set")
    @APIResponse(
            responseCode = "404",
            description = "unknown-profile (active_profiles lists the names there are), or no-public-key for an "
                    + "HMAC profile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Jwks jwks(@RestPath String profile) {
        Profile p = profiles.active(profile);
        List<KeyRing.Issued> issued = p.keys().state().validAt(clock.instant());
        List<KeyPairKey> pairs = new ArrayList<>();
        List<RsaKeyPair> rsaKeys = new ArrayList<>();
        for (KeyRing.Issued key : issued) {
            if (!(key.key() instanceof KeyPairKey pair)) {
                throw noPublicKey(p);
            }
            pairs.add(pair);
            if (pair instanceof RsaKeyPair rsa) {
                rsaKeys.add(rsa);
            }
        }
        // certificates are made for the RSA keys of the vendors that take them (Salesforce)
        Map<String, X509Certificate> certificates =
                p.certificates().map(c -> c.forKeys(rsaKeys)).orElse(Map.of());
        List<Map<String, Object>> keys = new ArrayList<>();
        for (int i = 0; i < issued.size(); i++) {
            KeyPairKey pair = pairs.get(i);
            keys.add(PublicJwk.of(
                    pair,
                    p.kid(pair, issued.get(i).keyId()).orElse(pair.thumbprint()),
                    p.rules().algorithm(),
                    Optional.ofNullable(certificates.get(pair.thumbprint()))));
        }
        return new Jwks(keys);
    }

    @GET
    @Path("/{profile}/public-key.pem")
    @Produces(PEM_MEDIA_TYPE)
    @NonBlocking
    @Operation(
            summary = "The profile's current public key as PEM",
            description = "The public key that signs the "
                    + "profile's tokens now, as an RFC 7468 SubjectPublicKeyInfo PEM (BEGIN PUBLIC KEY): the single-key URL "
                    + "Microsoft Omnichannel fetches. After a rotation it is the new key (replaced keys stay in jwks.json while "
                    + "their tokens live). HMAC profiles have no public key: 404.")
    @APIResponse(
            responseCode = "200",
            description = "The current public key",
            content = @Content(mediaType = PEM_MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "404",
            description = "unknown-profile (active_profiles lists the names there are), or no-public-key for an "
                    + "HMAC profile",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public String publicKeyPem(@RestPath String profile) {
        Profile p = profiles.active(profile);
        PublicKey key = switch (p.keys().current()) { // exhaustive: a new key family must say what it publishes
            case KeyPairKey pair -> pair.publicKey(); // RSA, EC
            case HmacSecret secret -> throw noPublicKey(p);
        };
        return "-----BEGIN PUBLIC KEY-----\n" + PEM_BASE64.encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static ProblemException noPublicKey(Profile p) {
        if (p.rules() instanceof UpstreamRules) {
            return new ProblemException(Problem.of(
                    ProblemType.NO_PUBLIC_KEY,
                    "profile",
                    "profile '" + p.name()
                            + "' answers tokens its vendor's API issued: there is no public key to publish"));
        }
        return new ProblemException(Problem.of(
                ProblemType.NO_PUBLIC_KEY,
                "profile",
                "profile '" + p.name() + "' signs with " + p.rules().algorithm()
                        + ", a shared secret: there is no public key to publish"));
    }
}
