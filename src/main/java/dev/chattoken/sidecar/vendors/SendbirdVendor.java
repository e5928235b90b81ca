package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.upstream.Credential;
import dev.chattoken.sidecar.upstream.IssuedToken;
import dev.chattoken.sidecar.upstream.ProfileUpstream;
import dev.chattoken.sidecar.upstream.RateLimit;
import dev.chattoken.sidecar.upstream.UpstreamException;
import dev.chattoken.sidecar.upstream.VendorAnswer;
import dev.chattoken.sidecar.upstream.VendorJson;
import dev.chattoken.sidecar.upstream.VendorRequest;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Sendbird session tokens (Chat Platform API v3, "Issue a session token"): {@code POST
 * https://api-{application_id}.sendbird.com/v3/users/{user_id}/token} with header {@code Api-Token}, body
 * {@code {expires_at}} optional, in Unix <em>milliseconds</em>, answer {@code {token, expires_at}} (milliseconds).
 */
@ApplicationScoped
public class SendbirdVendor extends SpecifiedVendor {

    /**
     * "By default, the expiration time of a session token is seven days from the timestamp when the token was issued."
     */
    static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    /** A user id's longest, in Sendbird's platform SDK. */
    static final int MAX_USER_ID_LENGTH = 80;
    /** Sendbird's error code of a user that does not exist ("User" not found.). */
    static final long USER_NOT_FOUND = 400201;
    /** Sendbird's error code of a user id that is taken (another request created it first). */
    static final long USER_EXISTS = 400202;

    private static final String APPLICATION_ID = "application-id";
    private static final String CREATE_USERS = "create-users";
    private static final String APPLICATION = "[A-Za-z0-9-]{1,64}";

    public SendbirdVendor() {
        super(VendorSpec.upstream("sendbird", "Sendbird")
                // POST is 5 requests per second per endpoint on the free trial, 10 to 200 on paid plans ("Plan-based
                // rate limits"); a 429 says how long to wait in X-RateLimit-RetryAfter
                .api(SendbirdVendor::baseUrl, new RateLimit(5, Duration.ofSeconds(1)))
                .retryAfter(SendbirdVendor::retryAfter)
                .option(Option.required(
                                APPLICATION_ID,
                                Option.Kind.TEXT,
                                "the Sendbird application's id, as in its API's host name")
                        .matching(APPLICATION, "Sendbird's application id (letters, digits and '-')"))
                .option(Option.ttl(
                        Duration.ofDays(365),
                        "the session token's lifetime, sent as expires_at (default: Sendbird's, 7 days)"))
                .option(
                        Option.optional(
                                CREATE_USERS,
                                Option.Kind.BOOLEAN,
                                "create a user Sendbird does not know (400201) on first use, then issue its token (default false)"))
                .fields(IdentityField.USER_ID)
                .orders(SendbirdVendor::orders)
                .example(
                        Map.of(APPLICATION_ID, "2D7B4CDB-932F-4082-9B09-A1153792DC8D"),
                        "{\"user_id\":\"customer-42\"}"));
    }

    /** {@code https://api-{application_id}.sendbird.com}; empty while the application id is missing or malformed. */
    private static Optional<URI> baseUrl(ProfileOptions options) {
        return options.text(APPLICATION_ID)
                .filter(id -> id.matches(APPLICATION))
                .map(id -> URI.create("https://api-" + id + ".sendbird.com"));
    }

    /** {@code X-RateLimit-RetryAfter}: seconds, with a fraction. */
    static Optional<Duration> retryAfter(VendorAnswer answer, Instant now) {
        return answer.header("x-ratelimit-retryafter").flatMap(value -> {
            try {
                double seconds = Double.parseDouble(value.strip().replaceFirst("s$", ""));
                return seconds >= 0 && seconds < 86_400
                        ? Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)))
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private static UpstreamSpec.Orders orders(ProfileOptions options) {
        Optional<Duration> ttl = options.ttl();
        boolean createUsers = options.flag(CREATE_USERS, false);
        return new UpstreamSpec.Orders(
                ttl.orElse(DEFAULT_LIFETIME),
                ttl.isPresent() ? "the ttl" : "Sendbird's default lifetime",
                identity -> order(identity, ttl, createUsers));
    }

    /**
     * The user must exist: error {@code 400201} otherwise; with {@code create-users=true} it is created on first use
     * ({@code POST /v3/users} with {@code user_id} and the empty {@code nickname} and {@code profile_url} Sendbird
     * requires), then the token is asked for again.
     */
    private static UpstreamRules.Order order(UserIdentity identity, Optional<Duration> ttl, boolean createUsers) {
        String userId = Fields.required(identity.userId(), IdentityField.USER_ID);
        if (userId.codePointCount(0, userId.length()) > MAX_USER_ID_LENGTH) {
            throw Fields.invalid(
                    IdentityField.USER_ID.jsonName(),
                    "user_id is longer than " + MAX_USER_ID_LENGTH + " characters, Sendbird's limit");
        }
        if (userId.equals(".") || userId.equals("..")) {
            throw Fields.invalid(IdentityField.USER_ID.jsonName(), "user_id may not be '.' or '..' (a path segment)");
        }
        return new UpstreamRules.Order(
                userId,
                (exchange, credential, now) -> issue(exchange, credential, now, userId, ttl)
                        .exceptionallyCompose(
                                failure -> unwrap(failure) instanceof UpstreamException.UnknownUser && createUsers
                                        ? create(exchange, credential, userId)
                                                .thenCompose(created -> issue(exchange, credential, now, userId, ttl))
                                        : CompletableFuture.failedFuture(unwrap(failure))));
    }

    private static CompletionStage<IssuedToken> issue(
            ProfileUpstream.Exchange exchange,
            Credential credential,
            Instant now,
            String userId,
            Optional<Duration> ttl) {
        Map<String, Object> body = new LinkedHashMap<>();
        ttl.ifPresent(t -> body.put("expires_at", now.plus(t).toEpochMilli()));
        return exchange.send(
                new VendorRequest(
                        HttpMethod.POST,
                        "/v3/users/" + VendorJson.segment(userId) + "/token",
                        Map.of("api-token", credential.secretHeader()),
                        Optional.of(VendorJson.object(body))),
                answer -> {
                    if (answer.status() == 200) {
                        var json = VendorJson.read(answer, "Sendbird");
                        return new IssuedToken(
                                VendorJson.token(json, "token", "Sendbird"),
                                Instant.ofEpochMilli(VendorJson.number(json, "expires_at", "Sendbird")));
                    }
                    throw refusal(answer);
                });
    }

    private static CompletionStage<Void> create(
            ProfileUpstream.Exchange exchange, Credential credential, String userId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", userId);
        body.put("nickname", "");
        body.put("profile_url", "");
        return exchange.send(
                new VendorRequest(
                        HttpMethod.POST,
                        "/v3/users",
                        Map.of("api-token", credential.secretHeader()),
                        Optional.of(VendorJson.object(body))),
                answer -> {
                    if (answer.status() == 200 || answer.status() == 201 || code(answer) == USER_EXISTS) {
                        return null;
                    }
                    throw refusal(answer);
                });
    }

    private static RuntimeException refusal(VendorAnswer answer) {
        long code = code(answer);
        if (code == USER_NOT_FOUND) {
            return new UpstreamException.UnknownUser(
                    IdentityField.USER_ID.jsonName(),
                    "Sendbird has no user with this "
                            + "user_id (400201); create it first, or set the profile's create-users=true");
        }
        String status = answer.status() + (code > 0 ? ", " + code : "");
        if (answer.status() == 401 || answer.status() == 403) {
            return new UpstreamException.Refused(
                    "Sendbird refused the API token (" + status + "): check the profile's key-file and application-id");
        }
        return new UpstreamException.Refused("Sendbird refused the request (" + status + ")");
    }

    /** Sendbird's error code of an error answer, 0 when it has none. */
    private static long code(VendorAnswer answer) {
        String code = VendorJson.textOrEmpty(answer, "code");
        return code.matches("\\d{1,9}") ? Long.parseLong(code) : 0;
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
