package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.upstream.IssuedToken;
import dev.chattoken.sidecar.upstream.RateLimit;
import dev.chattoken.sidecar.upstream.UpstreamException;
import dev.chattoken.sidecar.upstream.VendorAnswer;
import dev.chattoken.sidecar.upstream.VendorJson;
import dev.chattoken.sidecar.upstream.VendorRequest;
import io.vertx.core.http.HttpMethod;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HubSpot's Visitor Identification API (Conversations): {@code POST /visitor-identification/<version>/tokens/create}
 * with {@code Authorization: Bearer <private app token>} (scope
 * {@code conversations.visitor_identification.tokens.create}), body {@code {email, firstName?, lastName?}}, answer
 * {@code {token}} (HubSpot's OpenAPI document, HubSpot/HubSpot-public-api-spec-collection, folder
 * {@code PublicApiSpecs/Conversations/Visitor Identification}, versions {@code v3} and {@code 2026-03}).
 */
@ApplicationScoped
public class HubSpotVendor extends SpecifiedVendor {

    /**
     * "Tokens are temporary and will expire after 12 hours": HubSpot answers no expiry, so it is counted from the
     * request.
     */
    static final Duration LIFETIME = Duration.ofHours(12);
    /** The versions whose published document has this body: 2026-09 (a rollout) requires hsCustomerAgentContext. */
    static final List<String> VERSIONS = List.of("v3", "2026-03");

    private static final String API_VERSION = "api-version";

    public HubSpotVendor() {
        super(VendorSpec.upstream("hubspot", "HubSpot")
                // 190 requests per 10 seconds for a private app of a Professional or Enterprise account (HubSpot's
                // changelog "Increasing our API limits"), shared with every other call of the app
                .api("https://api.hubapi.com", new RateLimit(190, Duration.ofSeconds(10)))
                .option(Option.optional(
                        API_VERSION,
                        Option.Kind.TEXT,
                        "the API version of the path, " + String.join(" or ", VERSIONS) + " (default v3)"))
                .fields(IdentityField.EMAIL, IdentityField.GIVEN_NAME, IdentityField.FAMILY_NAME)
                .orders(HubSpotVendor::orders)
                // window.hsConversationsSettings = {loadImmediately: false, identificationEmail, identificationToken},
                // set before the widget loads
                .widget((identity, token) ->
                        Map.of("identificationEmail", identity.email().orElse(""), "identificationToken", token))
                .example(Map.of(), "{\"email\":\"ana@example.com\",\"given_name\":\"Ana\",\"family_name\":\"Lima\"}"));
    }

    private static UpstreamSpec.Orders orders(ProfileOptions options) {
        String version = options.text(API_VERSION).orElse(VERSIONS.get(0));
        options.check(
                VERSIONS.contains(version),
                options.key(API_VERSION) + " must be one of " + VERSIONS
                        + " (the versions whose request the sidecar sends as HubSpot documents it), not " + version);
        String path = "/visitor-identification/" + version + "/tokens/create";
        return new UpstreamSpec.Orders(LIFETIME, "HubSpot's token lifetime", identity -> order(path, identity));
    }

    private static UpstreamRules.Order order(String path, UserIdentity identity) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("email", Fields.email(identity.email()).orElseThrow(() -> Fields.missing(IdentityField.EMAIL)));
        Fields.optional(identity.givenName(), IdentityField.GIVEN_NAME).ifPresent(v -> body.put("firstName", v));
        Fields.optional(identity.familyName(), IdentityField.FAMILY_NAME).ifPresent(v -> body.put("lastName", v));
        byte[] json = VendorJson.object(body);
        return new UpstreamRules.Order(
                new String(json, StandardCharsets.UTF_8),
                (exchange, credential, now) -> exchange.send(
                                new VendorRequest(
                                        HttpMethod.POST,
                                        path,
                                        Map.of("authorization", "Bearer " + credential.secretHeader()),
                                        Optional.of(json)),
                                HubSpotVendor::read)
                        .thenApply(token -> new IssuedToken(token, now.plus(LIFETIME))));
    }

    /**
     * The token, or HubSpot's refusal in the sidecar's words: "requires a Professional or Enterprise level
     * subscription. If the account does not have a qualifying subscription, you will receive a 403 error"; a private
     * app without the scope gets a 403 too, told apart by the error's category where HubSpot gives it.
     */
    private static String read(VendorAnswer answer) {
        return switch (answer.status()) {
            case 200, 201 -> VendorJson.token(VendorJson.read(answer, "HubSpot"), "token", "HubSpot");
            case 401 ->
                throw new UpstreamException.Refused(
                        "HubSpot refused the private app token (401): check the profile's key-file");
            case 403 ->
                throw new UpstreamException.Refused(
                        "MISSING_SCOPES".equals(VendorJson.textOrEmpty(answer, "category"))
                                ? "HubSpot refused the token request (403): the private app lacks the scope "
                                        + "conversations.visitor_identification.tokens.create"
                                : "HubSpot refused the token request (403): the Visitor Identification API needs a Professional or "
                                        + "Enterprise subscription (and the scope conversations.visitor_identification.tokens.create)");
            default ->
                throw new UpstreamException.Refused("HubSpot refused the token request (" + answer.status() + ")");
        };
    }
}
