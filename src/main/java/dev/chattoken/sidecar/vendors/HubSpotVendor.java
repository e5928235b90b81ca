package dev.chattoken.sidecar.vendors;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * HubSpot's Visitor Identification API (Conversations): {@code POST /visitor-identification/<version>/tokens/create}
 * with {@code Authorization: Bearer <private app token>} (scope
 * {@code conversations.visitor_identification.tokens.create}), body {@code {email, firstName?, lastName?}}, answer
 * {@code {token}} (HubSpot's OpenAPI document, HubSpot/HubSpot-public-api-spec-collection, folder
 * {@code PublicApiSpecs/Conversations/Visitor Identification}, versions {@code v3} and {@code 2026-03}). "Tokens are
 * temporary and will expire after 12 hours ... as long as they are refreshed at least every 12 hours": HubSpot answers
 * no expiry, so it is 12 hours from the moment the request was sent. Professional and Enterprise accounts only, "you
 * will receive a 403 error" otherwise. The widget takes {@code window.hsConversationsSettings = {loadImmediately:
 * false, identificationEmail, identificationToken}} before it loads. Rate limit: 190 requests per 10 seconds for a
 * private app of those plans (HubSpot's changelog "Increasing our API limits"), shared with every other call of the
 * app.
 */
@ApplicationScoped
public class HubSpotVendor implements Vendor {

    static final Duration LIFETIME = Duration.ofHours(12);
    static final RateLimit RATE_LIMIT = new RateLimit(190, Duration.ofSeconds(10));
    static final String DEFAULT_BASE_URL = "https://api.hubapi.com";
    /** The versions whose published document has this body: 2026-09 (a rollout) requires hsCustomerAgentContext. */
    static final List<String> VERSIONS = List.of("v3", "2026-03");
    private static final String API_VERSION = "api-version";

    @Override
    public String id() {
        return "hubspot";
    }

    @Override
    public List<Option> options() {
        List<Option> options = new ArrayList<>(UpstreamOptions.declared());
        options.add(Option.optional(API_VERSION, Option.Kind.TEXT, "the API version of the path, " + String.join(" or ", VERSIONS)
                + " (default v3)"));
        return options;
    }

    @Override
    public VendorProfile configure(ProfileOptions options) {
        UpstreamPolicy policy = UpstreamOptions.read(options, "HubSpot", Optional.of(URI.create(DEFAULT_BASE_URL)), RATE_LIMIT,
                UpstreamPolicy.VendorRetryAfter.NONE);
        String version = options.text(API_VERSION).orElse(VERSIONS.get(0));
        options.check(VERSIONS.contains(version), options.key(API_VERSION) + " must be one of " + VERSIONS + " (the versions "
                + "whose request the sidecar sends as HubSpot documents it), not " + version);
        UpstreamOptions.checkMargin(options, policy, LIFETIME, "HubSpot's token lifetime");
        return new Rules(policy, "/visitor-identification/" + version + "/tokens/create");
    }

    @Override
    public Example example() {
        return new Example(Map.of(), "{\"email\":\"ana@example.com\",\"given_name\":\"Ana\",\"family_name\":\"Lima\"}");
    }

    /** @param path the endpoint's path of the profile's API version */
    record Rules(UpstreamPolicy policy, String path) implements UpstreamRules {

        private static final Set<IdentityField> FIELDS = Set.of(IdentityField.EMAIL, IdentityField.GIVEN_NAME, IdentityField.FAMILY_NAME);

        @Override
        public Set<IdentityField> acceptedFields() {
            return FIELDS;
        }

        @Override
        public Order order(UserIdentity identity) {
            Map<String, String> body = new LinkedHashMap<>();
            body.put("email", Fields.email(identity.email()).orElseThrow(() -> Fields.missing(IdentityField.EMAIL)));
            Fields.optional(identity.givenName(), IdentityField.GIVEN_NAME).ifPresent(v -> body.put("firstName", v));
            Fields.optional(identity.familyName(), IdentityField.FAMILY_NAME).ifPresent(v -> body.put("lastName", v));
            byte[] json = VendorJson.object(body);
            return new Order(new String(json, java.nio.charset.StandardCharsets.UTF_8), (exchange, credential, now) -> exchange.send(
                    new VendorRequest(HttpMethod.POST, path, Map.of("authorization", "Bearer " + credential.secretHeader()),
                            Optional.of(json)),
                    Rules::read).thenApply(token -> new IssuedToken(token, now.plus(LIFETIME))));
        }

        private static String read(VendorAnswer answer) {
            return switch (answer.status()) {
                case 200, 201 -> VendorJson.token(VendorJson.read(answer, "HubSpot"), "token", "HubSpot");
                case 401 -> throw new UpstreamException.Refused("HubSpot refused the private app token (401): check the "
                        + "profile's key-file");
                case 403 -> throw new UpstreamException.Refused("MISSING_SCOPES".equals(VendorJson.textOrEmpty(answer, "category"))
                        ? "HubSpot refused the token request (403): the private app lacks the scope "
                                + "conversations.visitor_identification.tokens.create"
                        : "HubSpot refused the token request (403): the Visitor Identification API needs a Professional or "
                                + "Enterprise subscription (and the scope conversations.visitor_identification.tokens.create)");
                default -> throw new UpstreamException.Refused("HubSpot refused the token request (" + answer.status() + ")");
            };
        }

        @Override
        public Map<String, String> widgetFields(UserIdentity identity, String token) {
            return Map.of("identificationEmail", identity.email().orElse(""), "identificationToken", token);
        }
    }
}
