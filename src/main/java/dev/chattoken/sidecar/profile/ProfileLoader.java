package dev.chattoken.sidecar.profile;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.config.ProfileException;
import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.config.StartupException;
import dev.chattoken.sidecar.crypto.Signer;
import dev.chattoken.sidecar.crypto.Signers;
import dev.chattoken.sidecar.keys.HmacSecret;
import dev.chattoken.sidecar.keys.KeyCertificates;
import dev.chattoken.sidecar.keys.KeyFileException;
import dev.chattoken.sidecar.keys.KeyFiles;
import dev.chattoken.sidecar.keys.KeyRing;
import dev.chattoken.sidecar.keys.RsaKeyPair;
import dev.chattoken.sidecar.keys.SigningAlgorithm;
import dev.chattoken.sidecar.vendors.ProfileOptions;
import dev.chattoken.sidecar.vendors.TokenRules;
import dev.chattoken.sidecar.vendors.UpstreamRules;
import dev.chattoken.sidecar.vendors.Vendor;
import dev.chattoken.sidecar.vendors.Vendors;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Turns {@code chat-token.*} into the active profiles, or into one line per reason why it cannot. Kept apart from the
 * CDI bean so that the refusals are tested without starting the application.
 */
public final class ProfileLoader {

    private static final Logger LOG = Logger.getLogger(ProfileLoader.class);

    /** A profile name is a path segment of {@code /v1/tokens/<name>}, used as is: nothing in it needs encoding. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_-]{0,62}[A-Za-z0-9])?");

    private ProfileLoader() {}

    /**
     * @param signers makes each key's signer, now and on every rotation
     * @return the active profiles by name, in the order of {@code chat-token.active}
     * @throws StartupException listing every active profile that cannot be served
     */
    public static Map<String, Profile> load(ChatTokenConfig config, Vendors vendors, Clock clock, Signers signers) {
        Set<String> names = new LinkedHashSet<>();
        config.active().orElse(List.of()).stream()
                .map(String::strip)
                .filter(n -> !n.isEmpty())
                .forEach(names::add);
        if (names.isEmpty()) {
            throw new StartupException(List.of("chat-token.active names no profile: set it to the comma-separated "
                    + "names of the profiles to serve (declared profiles: "
                    + String.join(", ", config.profiles().keySet()) + ")"));
        }
        Map<String, Profile> active = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (String name : names) {
            try {
                active.put(
                        name,
                        loadOne(settings(name, config), vendors, config.verify().clockSkew(), clock, signers));
            } catch (ProfileException e) {
                failures.add(e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new StartupException(failures);
        }
        return active;
    }

    /**
     * One warning for each pair of profiles where one answers HMAC digests and the other signs JWTs with the same
     * secret: a digest over a text the user chooses would then be a signature of the JWT that text encodes. The digest
     * profiles refuse such texts ({@code JwsSigningInput}); the warning says where that rule is all that stands between
     * the two. Vendors that want one secret for both (Intercom's {@code user_hash} and its JWT) are warned, not
     * refused.
     */
    public static List<String> sharedDigestAndJwtSecrets(Collection<Profile> profiles) {
        List<String> warnings = new ArrayList<>();
        for (Profile digest : profiles) {
            if (digest.rules().signsJwt()
                    || digest.rules() instanceof UpstreamRules) { // a vendor API's credential signs nothing
                continue;
            }
            for (Profile jwt : profiles) {
                if (jwt.rules().signsJwt()
                        && jwt.rules().algorithm().family() == SigningAlgorithm.Family.HMAC
                        && digest.keys()
                                .state()
                                .current()
                                .sameMaterialAs(jwt.keys().state().current())) {
                    warnings.add(
                            "profiles '" + digest.name() + "' (HMAC digests, "
                                    + digest.vendor().id() + ") and '"
                                    + jwt.name() + "' (" + jwt.rules().algorithm() + " JWTs, "
                                    + jwt.vendor().id() + ") sign with "
                                    + "the same secret: a digest of a chosen text would be a JWT signature. Digest messages "
                                    + "shaped like a JWT are refused; where the vendor allows, give each profile its own secret");
                }
            }
        }
        return warnings;
    }

    /** The settings of an active profile, or why it has none. */
    public static ProfileSettings settings(String name, ChatTokenConfig config) {
        if (!NAME.matcher(name).matches()) {
            throw new ProfileException(
                    name,
                    "a profile name is the last segment of /v1/tokens/<name>: 1 to 64 letters, "
                            + "digits, '-' or '_', beginning and ending with a letter or digit");
        }
        ChatTokenConfig.ProfileConfig profileConfig = config.profiles().get(name);
        if (profileConfig == null) {
            throw new ProfileException(
                    name,
                    "listed in chat-token.active, but no chat-token.profiles." + name + ".* is configured (declared: "
                            + String.join(", ", config.profiles().keySet()) + ")");
        }
        return ProfileSettings.from(name, profileConfig);
    }

    /** The vendor a configured profile names, or why there is none. */
    public static Vendor vendor(ProfileSettings settings, Vendors vendors) {
        return vendors.find(settings.vendor())
                .orElseThrow(() -> new ProfileException(
                        settings.name(), "unknown vendor '" + settings.vendor() + "' (known: " + vendors.ids() + ")"));
    }

    /** The vendor's rules for a configured profile, from its options; or every problem with them, on one line. */
    public static TokenRules rules(ProfileSettings settings, Vendor vendor) {
        ProfileOptions options = new ProfileOptions(settings, vendor.id(), vendor.options());
        TokenRules rules = vendor.configure(options);
        if (!options.problems().isEmpty()) {
            throw new ProfileException(settings.name(), String.join("; ", options.problems()));
        }
        return rules;
    }

    /**
     * Loads one profile: its rules, then its key (and key id), proven able to sign.
     *
     * @param clockSkew added to how long a replaced key stays valid for verification
     */
    public static Profile loadOne(
            ProfileSettings settings, Vendors vendors, Duration clockSkew, Clock clock, Signers signers) {
        Vendor vendor = vendor(settings, vendors);
        TokenRules rules = rules(settings, vendor);
        String name = settings.name();
        KeyFiles.Snapshot snapshot = Profile.keySource(settings, rules).read();
        if (snapshot.parsed() instanceof KeyFiles.Parsed.Refused refused) {
            throw new ProfileException(name, "key file " + settings.keyFile() + " " + refused.reason());
        }
        KeyFiles.Parsed.Key key = (KeyFiles.Parsed.Key) snapshot.parsed();
        // only HS256 takes the short secrets vendors issue; HS384 and HS512 refuse them when the signer is made
        if (key.key() instanceof HmacSecret secret
                && secret.isShort()
                && rules.algorithm() == SigningAlgorithm.HS256
                && !(rules instanceof UpstreamRules)) { // a vendor API's credential signs nothing
            LOG.warnf(
                    "profile '%s': the secret in %s is %d bytes, shorter than the %d RFC 7518 asks for HS256; "
                            + "accepted because %s issues it",
                    name, settings.keyFile(), secret.length(), HmacSecret.RECOMMENDED_MIN_LENGTH, vendor.id());
        }
        // A replaced key stays valid as long as a token it signed may still be accepted, plus clock skew.
        Duration retention = rules.maxTokenLifetime()
                .map(lifetime -> lifetime.plus(clockSkew))
                .orElse(Duration.ZERO);
        SigningAlgorithm algorithm = rules.algorithm();
        Optional<KeyCertificates> certificates =
                rules.publishesCertificate() ? Optional.of(new KeyCertificates(name, clock)) : Optional.empty();
        try {
            // every key, now and rotated in later, gets its signer and (where published) its certificate at once
            KeyRing keys = KeyRing.load(
                    new KeyRing.Issued(key.key(), key.keyId()), snapshot.digest(), retention, clock, loaded -> {
                        Signer signer = loaded.newSigner(signers, algorithm);
                        if (certificates.isPresent() && loaded instanceof RsaKeyPair rsa) {
                            try {
                                certificates.get().issue(rsa);
                            } catch (KeyFileException e) {
                                signer.close();
                                throw e;
                            }
                        }
                        return signer;
                    });
            return new Profile(settings, vendor, rules, keys, certificates);
        } catch (KeyFileException e) { // a key that parses but cannot sign
            throw new ProfileException(name, "key file " + settings.keyFile() + " " + e.getMessage());
        }
    }
}
