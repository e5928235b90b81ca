package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.upstream.IssuedToken;
import dev.chattoken.sidecar.upstream.RateLimit;
import dev.chattoken.sidecar.upstream.UpstreamException;
import dev.chattoken.sidecar.upstream.VendorAnswer;
import dev.chattoken.sidecar.upstream.VendorJson;
import dev.chattoken.sidecar.upstream.VendorRequest;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Channel Talk member session JWT ("Issue token for a User", developers.channel.io): {@code PUT
 * https://api.channel.io/open/v5/users/@{memberId}/session-jwt/issue?expiration=<ISO-8601 duration>} with the Open API
 * credential in {@code x-access-key} and {@code x-access-secret} ("Authentication"), answer {@code {sessionJWT,
 * expireAt}} ({@code expireAt} in milliseconds).
 */
@ApplicationScoped
public class ChannelTalkVendor extends SpecifiedVendor {

    /**
     * Without {@code expiration} the token lives a minute, too short to cache: the profile asks for {@code ttl}, by
     * default the document's example, PT30M.
     */
    static final Duration DEFAULT_TTL = Duration.ofMinutes(30);

    private static final String VISIBLE_ASCII = "[\\x21-\\x7e]+";

    public ChannelTalkVendor() {
        super(VendorSpec.upstream("channel-talk", "Channel Talk")
                // "the rate limiting rules and policies are not fixed" (its "Rate Limiting" page): a guess, to be set
                // per account; a 429 says when the window refills in x-ratelimit-reset
                .api("https://api.channel.io", new RateLimit(10, Duration.ofSeconds(1)))
                .retryAfter(ChannelTalkVendor::retryAfter)
                .option(Option.keyId(true, "the Open API credential's access key, sent as x-access-key")
                        .matching(
                                VISIBLE_ASCII,
                                "visible ASCII (Channel Talk's access key is sent as the header x-access-key)"))
                .option(Option.ttl(Duration.ofDays(1), "the session JWT's lifetime, sent as expiration (default 30m)"))
                .fields(IdentityField.USER_ID)
                .orders(ChannelTalkVendor::orders)
                // which boot option of the web SDK takes the session JWT is not in the documentation read; Channel's
                // iOS SDK sends it as sessionJWT with memberId: the answer names both
                .widget((identity, token) ->
                        Map.of("memberId", identity.userId().orElse(""), "sessionJWT", token))
                .keyIdRule(keyId -> keyId.matches(VISIBLE_ASCII)
                        ? Optional.empty()
                        : Optional.of(
                                "is not visible ASCII (Channel Talk's access key is sent as the header x-access-key)"))
                .example(Map.of(Option.KEY_ID_NAME, "64f1c0a5e2d3b4a5c6d7e8f9"), "{\"user_id\":\"member-42\"}"));
    }

    /** {@code x-ratelimit-reset}: when the window refills, in epoch seconds. */
    static Optional<Duration> retryAfter(VendorAnswer answer, Instant now) {
        return answer.header("x-ratelimit-reset")
                .filter(v -> v.strip().matches("\\d{1,12}"))
                .map(v -> Duration.between(now, Instant.ofEpochSecond(Long.parseLong(v.strip()))));
    }

    private static UpstreamSpec.Orders orders(ProfileOptions options) {
        Duration ttl = options.ttl().orElse(DEFAULT_TTL);
        return new UpstreamSpec.Orders(ttl, "the ttl", identity -> order(identity, ttl));
    }

    private static UpstreamRules.Order order(UserIdentity identity, Duration ttl) {
        String memberId = Fields.required(identity.userId(), IdentityField.USER_ID);
        if (memberId.equals(".") || memberId.equals("..")) {
            throw Fields.invalid(IdentityField.USER_ID.jsonName(), "user_id may not be '.' or '..' (a path segment)");
        }
        String path = "/open/v5/users/@" + VendorJson.segment(memberId) + "/session-jwt/issue?expiration=PT"
                + ttl.toSeconds() + "S";
        return new UpstreamRules.Order(
                memberId,
                (exchange, credential, now) -> exchange.send(
                        new VendorRequest(
                                HttpMethod.PUT,
                                path,
                                Map.of(
                                        "x-access-key",
                                        credential.keyIdHeader(),
                                        "x-access-secret",
                                        credential.secretHeader()),
                                Optional.empty()),
                        ChannelTalkVendor::read));
    }

    private static IssuedToken read(VendorAnswer answer) {
        return switch (answer.status()) {
            case 200 -> {
                var json = VendorJson.read(answer, "Channel Talk");
                yield new IssuedToken(
                        VendorJson.token(json, "sessionJWT", "Channel Talk"),
                        Instant.ofEpochMilli(VendorJson.number(json, "expireAt", "Channel Talk")));
            }
            case 401, 403 ->
                throw new UpstreamException.Refused("Channel Talk refused the Open API credential (" + answer.status()
                        + "): check the profile's key-id and key-file");
            // not stated by Channel Talk: taken to mean no member of this id
            case 404 ->
                throw new UpstreamException.UnknownUser(
                        IdentityField.USER_ID.jsonName(),
                        "Channel Talk answered 404 " + "for this memberId (no such member?)");
            default ->
                throw new UpstreamException.Refused("Channel Talk refused the request (" + answer.status() + ")");
        };
    }
}
