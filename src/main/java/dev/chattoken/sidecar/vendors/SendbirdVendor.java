package dev.chattoken.sidecar.vendors;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import dev.chattoken.sidecar.upstream.Credential;
import dev.chattoken.sidecar.upstream.IssuedToken;
import dev.chattoken.sidecar.upstream.ProfileUpstream;
import dev.chattoken.sidecar.upstream.RateLimit;
import dev.chattoken.sidecar.upstream.UpstreamException;
import dev.chattoken.sidecar.upstream.UpstreamPolicy;
import dev.chattoken.sidecar.upstream.VendorAnswer;
import dev.chattoken.sidecar.upstream.VendorJson;
import dev.chattoken.sidecar.upstream.VendorRequest;
import io.vertx.core.http.HttpMethod;

/**
 * Sendbird session tokens (Chat Platform API v3, "Issue a session token"):
 * {@code POST https://api-{application_id}.sendbird.com/v3/users/{user_id}/token} with header {@code Api-Token}, body
 * {@code {expires_at}} optional, in Unix <em>milliseconds</em> ("By default, the expiration time of a session token is
 * seven days"), answer {@code {token, expires_at}} (milliseconds). The user must exist: error {@code 400201}
 * ("User" not found) otherwise; with {@code create-users=true} the profile creates it on first use ({@code POST
 * /v3/users} with {@code user_id} and the empty {@code nickname} and {@code profile_url} Sendbird requires), then asks
 * again. A user id is at most 80 characters (Sendbird's platform SDK). Rate limit: 5 POST requests per second per
 * endpoint on the free trial, 10 and more on paid plans ("Plan-based rate limits"); a 429 says how long to wait in
 * {@code X-RateLimit-RetryAfter} (seconds).
 */
@ApplicationScoped
public class SendbirdVendor implements Vendor {

    static final RateLimit RATE_LIMIT = new RateLimit(5, Duration.ofSeconds(1));
    static final Duration DEFAULT_LIFETIME = Duration.ofDays(7);
    /** Sendbird's own limit of a user id. */
    static final int MAX_USER_ID_LENGTH = 80;
    /** Sendbird's error code for a user that does not exist. */
    static final long USER_NOT_FOUND = 400201;
    /** Sendbird's error code for a user id that is taken (another request created it first). */
    static final long USER_EXISTS = 400202;

    private static final String APPLICATION_ID = "application-id";
    private static final String CREATE_USERS = "create-users";
    private static final java.util.regex.Pattern APPLICATION = java.util.regex.Pattern.compile("[A-Za-z0-9-]{1,64}");

    @Override
    public String id() {
        return "sendbird";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(UpstreamOptions.declared());
        options.add(Option.required(APPLICATION_ID, Option.Kind.TEXT, "the Sendbird application's id, as in its API's host name"));
        options.add(Option.ttl(Duration.ofDays(365), "the session token's lifetime, sent as expires_at (default: Sendbird's, 7 days)"));
        options.add(Option.optional(CREATE_USERS, Option.Kind.BOOLEAN, "create a user Sendbird does not know (400201) on "
                + "first use, then issue its token (default false)"));
        return options;
    }

    @Override
    public VendorProfile configure(ProfileOptions options) {
        String application = options.required(APPLICATION_ID);
        options.check(application.isEmpty() || APPLICATION.matcher(application).matches(), options.key(APPLICATION_ID)
                + " must be Sendbird's application id: letters, digits and '-'");
        Optional<URI> defaultUrl = APPLICATION.matcher(application).matches()
                ? Optional.of(URI.create("https://api-" + application + ".sendbird.com")) : Optional.empty();
        UpstreamPolicy policy = UpstreamOptions.read(options, "Sendbird", defaultUrl, RATE_LIMIT, SendbirdVendor::retryAfter);
        Optional<Duration> ttl = options.ttl();
        UpstreamOptions.checkMargin(options, policy, ttl.orElse(DEFAULT_LIFETIME), ttl.isPresent() ? "the ttl" : "Sendbird's default lifetime");
        return new Rules(policy, ttl, options.flag(CREATE_USERS, false));
    }

    @Override
    public Example example() {
        return new Example(Map.of(APPLICATION_ID, "2D7B4CDB-932F-4082-9B09-A1153792DC8D"), "{\"user_id\":\"customer-42\"}");
    }

    /** {@code X-RateLimit-RetryAfter}: seconds, with a fraction. */
    static Optional<Duration> retryAfter(VendorAnswer answer, Instant now) {
        return answer.header("x-ratelimit-retryafter").flatMap(value -> {
            try {
                double seconds = Double.parseDouble(value.strip().replaceFirst("s$", ""));
                return seconds >= 0 && seconds < 86_400 ? Optional.of(Duration.ofMillis((long) Math.ceil(seconds * 1000)))
                        : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * @param ttl         the lifetime asked for; empty: Sendbird's default
     * @param createUsers whether a user Sendbird does not know is created
     */
    record Rules(UpstreamPolicy policy, Optional<Duration> ttl, boolean createUsers) implements UpstreamRules {

        @Override
        public Set<IdentityField> acceptedFields() {
            return Set.of(IdentityField.USER_ID);
        }

        @Override
        public Order order(UserIdentity identity) {
            String userId = Fields.required(identity.userId(), IdentityField.USER_ID);
            if (userId.codePointCount(0, userId.length()) > MAX_USER_ID_LENGTH) {
                throw Fields.invalid(IdentityField.USER_ID.jsonName(), "user_id is longer than " + MAX_USER_ID_LENGTH
                        + " characters, Sendbird's limit");
            }
            if (userId.equals(".") || userId.equals("..")) {
                throw Fields.invalid(IdentityField.USER_ID.jsonName(), "user_id may not be '.' or '..' (a path segment)");
            }
            return new Order(userId, (exchange, credential, now) -> issue(exchange, credential, now, userId)
                    .exceptionallyCompose(failure -> unwrap(failure) instanceof UpstreamException.UnknownUser && createUsers
                            ? create(exchange, credential, userId).thenCompose(created -> issue(exchange, credential, now, userId))
                            : CompletableFuture.failedFuture(unwrap(failure))));
        }

        private CompletionStage<IssuedToken> issue(ProfileUpstream.Exchange exchange, Credential credential, Instant now, String userId) {
            Map<String, Object> body = new LinkedHashMap<>();
            ttl.ifPresent(t -> body.put("expires_at", now.plus(t).toEpochMilli()));
            return exchange.send(new VendorRequest(HttpMethod.POST, "/v3/users/" + VendorJson.segment(userId) + "/token",
                    Map.of("api-token", credential.secretHeader()), Optional.of(VendorJson.object(body))), answer -> {
                        if (answer.status() == 200) {
                            var json = VendorJson.read(answer, "Sendbird");
                            return new IssuedToken(VendorJson.token(json, "token", "Sendbird"),
                                    Instant.ofEpochMilli(VendorJson.number(json, "expires_at", "Sendbird")));
                        }
                        throw refusal(answer);
                    });
        }

        private static CompletionStage<Void> create(ProfileUpstream.Exchange exchange, Credential credential, String userId) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("user_id", userId);
            body.put("nickname", "");
            body.put("profile_url", "");
            return exchange.send(new VendorRequest(HttpMethod.POST, "/v3/users", Map.of("api-token", credential.secretHeader()),
                    Optional.of(VendorJson.object(body))), answer -> {
                        if (answer.status() == 200 || answer.status() == 201 || code(answer) == USER_EXISTS) {
                            return null;
                        }
                        throw refusal(answer);
                    });
        }

        private static RuntimeException refusal(VendorAnswer answer) {
            long code = code(answer);
            if (code == USER_NOT_FOUND) {
                return new UpstreamException.UnknownUser(IdentityField.USER_ID.jsonName(), "Sendbird has no user with this "
                        + "user_id (400201); create it first, or set the profile's create-users=true");
            }
            if (answer.status() == 401 || answer.status() == 403) {
                return new UpstreamException.Refused("Sendbird refused the API token (" + answer.status() + (code > 0 ? ", " + code : "")
                        + "): check the profile's key-file and application-id");
            }
            return new UpstreamException.Refused("Sendbird refused the request (" + answer.status() + (code > 0 ? ", " + code : "") + ")");
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
}
