package dev.chattoken.sidecar.vendors;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.upstream.IssuedToken;
import dev.chattoken.sidecar.upstream.RateLimit;
import dev.chattoken.sidecar.upstream.UpstreamException;
import dev.chattoken.sidecar.upstream.UpstreamPolicy;
import dev.chattoken.sidecar.upstream.VendorAnswer;
import dev.chattoken.sidecar.upstream.VendorJson;
import dev.chattoken.sidecar.upstream.VendorRequest;
import io.vertx.core.http.HttpMethod;

/**
 * Channel Talk member session JWT ("Issue token for a User", developers.channel.io):
 * {@code PUT https://api.channel.io/open/v5/users/@{memberId}/session-jwt/issue?expiration=<ISO-8601 duration>} with
 * the Open API credential in {@code x-access-key} and {@code x-access-secret} ("Authentication"), answer
 * {@code {sessionJWT, expireAt}} ({@code expireAt} in milliseconds; without {@code expiration} the token lives one
 * minute). The profile asks for {@code ttl} (default 30 minutes, the document's example). Rate limits: "the rate
 * limiting rules and policies are not fixed" (its "Rate Limiting" page), with {@code x-ratelimit-reset} (epoch seconds)
 * on a 429; the default budget here is a guess to be set per account. Which boot option of the web SDK takes the
 * session JWT is not documented where it was looked for (Channel's iOS SDK sends it as {@code sessionJWT} with
 * {@code memberId}): the answer names both.
 */
@ApplicationScoped
public class ChannelTalkVendor implements Vendor {

    static final RateLimit RATE_LIMIT = new RateLimit(10, Duration.ofSeconds(1));
    static final Duration DEFAULT_TTL = Duration.ofMinutes(30);
    static final String DEFAULT_BASE_URL = "https://api.channel.io";

    @Override
    public String id() {
        return "channel-talk";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(UpstreamOptions.declared());
        options.add(Option.keyId(true, "the Open API credential's access key, sent as x-access-key"));
        options.add(Option.ttl(Duration.ofDays(1), "the session JWT's lifetime, sent as expiration (default 30m)"));
        return options;
    }

    @Override
    public VendorProfile configure(ProfileOptions options) {
        UpstreamPolicy policy = UpstreamOptions.read(options, "Channel Talk", Optional.of(URI.create(DEFAULT_BASE_URL)), RATE_LIMIT,
                ChannelTalkVendor::retryAfter);
        Duration ttl = options.ttl().orElse(DEFAULT_TTL);
        UpstreamOptions.checkMargin(options, policy, ttl, "the ttl");
        options.text(Option.KEY_ID_NAME).flatMap(Rules::accessKeyProblem)
                .ifPresent(problem -> options.problem(options.key(Option.KEY_ID_NAME) + " " + problem));
        return new Rules(policy, ttl);
    }

    @Override
    public Example example() {
        return new Example(Map.of(Option.KEY_ID_NAME, "64f1c0a5e2d3b4a5c6d7e8f9"), "{\"user_id\":\"member-42\"}");
    }

    /** {@code x-ratelimit-reset}: when the window refills, in epoch seconds. */
    static Optional<Duration> retryAfter(VendorAnswer answer, Instant now) {
        return answer.header("x-ratelimit-reset").filter(v -> v.strip().matches("\\d{1,12}"))
                .map(v -> Duration.between(now, Instant.ofEpochSecond(Long.parseLong(v.strip()))));
    }

    /** @param ttl the session JWT's lifetime asked for */
    record Rules(UpstreamPolicy policy, Duration ttl) implements UpstreamRules {

        @Override
        public Set<IdentityField> acceptedFields() {
            return Set.of(IdentityField.USER_ID);
        }

        @Override
        public Order order(UserIdentity identity) {
            String memberId = Fields.required(identity.userId(), IdentityField.USER_ID);
            if (memberId.equals(".") || memberId.equals("..")) {
                throw Fields.invalid(IdentityField.USER_ID.jsonName(), "user_id may not be '.' or '..' (a path segment)");
            }
            String path = "/open/v5/users/@" + VendorJson.segment(memberId) + "/session-jwt/issue?expiration=PT" + ttl.toSeconds() + "S";
            return new Order(memberId, (exchange, credential, now) -> exchange.send(new VendorRequest(HttpMethod.PUT, path,
                    Map.of("x-access-key", credential.keyIdHeader(), "x-access-secret", credential.secretHeader()), Optional.empty()),
                    answer -> switch (answer.status()) {
                        case 200 -> {
                            var json = VendorJson.read(answer, "Channel Talk");
                            yield new IssuedToken(VendorJson.token(json, "sessionJWT", "Channel Talk"),
                                    Instant.ofEpochMilli(VendorJson.number(json, "expireAt", "Channel Talk")));
                        }
                        case 401, 403 -> throw new UpstreamException.Refused("Channel Talk refused the Open API credential ("
                                + answer.status() + "): check the profile's key-id and key-file");
                        case 404 -> throw new UpstreamException.UnknownUser(IdentityField.USER_ID.jsonName(), "Channel Talk "
                                + "answered 404 for this memberId (no such member?)");
                        default -> throw new UpstreamException.Refused("Channel Talk refused the request (" + answer.status() + ")");
                    }));
        }

        @Override
        public Map<String, String> widgetFields(UserIdentity identity, String token) {
            return Map.of("memberId", identity.userId().orElse(""), "sessionJWT", token);
        }

        /** The access key travels in a header: visible ASCII only. */
        @Override
        public Optional<String> keyIdProblem(String keyId) {
            return accessKeyProblem(keyId);
        }

        static Optional<String> accessKeyProblem(String keyId) {
            return keyId.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? Optional.empty()
                    : Optional.of("must be visible ASCII (Channel Talk's access key is sent as the header x-access-key)");
        }
    }
}
