package dev.chattoken.sidecar.vendors;

import dev.chattoken.sidecar.upstream.RateLimit;
import dev.chattoken.sidecar.upstream.UpstreamPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A vendor whose token only its API issues, as its document states it: where its API is and its documented rate limit,
 * the options and request fields of its token request, how a profile's options make that request, and the widget's
 * fields; {@link #example} ends the declaration. Each profile also takes the options every such vendor has
 * ({@code base-url}, {@code rate-limit}, {@code cache-size}, {@code refresh-margin}: {@link UpstreamOptions}), and its
 * {@link UpstreamRules} are this declaration with the profile's options read.
 */
public final class UpstreamSpec {

    /** What a profile orders from the vendor: its tokens' lifetime and, for each request, the order. */
    public record Orders(Duration lifetime, String lifetimeName, Function<UserIdentity, UpstreamRules.Order> order) {}

    private final String id;
    private final String vendor;
    private Function<ProfileOptions, Optional<URI>> baseUrl = options -> Optional.empty();
    private RateLimit rateLimit = new RateLimit(1, Duration.ofSeconds(1));
    private UpstreamPolicy.VendorRetryAfter retryAfter = UpstreamPolicy.VendorRetryAfter.NONE;
    private final List<Option> options = new ArrayList<>();
    private Set<IdentityField> fields = Set.of();
    private Function<ProfileOptions, Orders> orders = options -> {
        throw new IllegalStateException("a vendor API declares what it orders");
    };
    private BiFunction<UserIdentity, String, Map<String, String>> widget = (identity, token) -> Map.of();
    private Function<String, Optional<String>> keyIdRule = keyId -> Optional.empty();

    /** @param vendor the vendor's name, for messages ({@code HubSpot}) */
    UpstreamSpec(String id, String vendor) {
        this.id = id;
        this.vendor = vendor;
    }

    /** The vendor's API and its documented rate limit, the profile's defaults. */
    public UpstreamSpec api(String baseUrl, RateLimit documentedLimit) {
        URI url = URI.create(baseUrl);
        return api(options -> Optional.of(url), documentedLimit);
    }

    /**
     * The vendor's API made of the profile's options (Sendbird's host names the application), empty when those are
     * missing or wrong (which they record), and its documented rate limit.
     */
    public UpstreamSpec api(Function<ProfileOptions, Optional<URI>> baseUrl, RateLimit documentedLimit) {
        this.baseUrl = baseUrl;
        this.rateLimit = documentedLimit;
        return this;
    }

    /** How long a 429 asks to wait by the vendor's own header, when it sends no {@code Retry-After}. */
    public UpstreamSpec retryAfter(UpstreamPolicy.VendorRetryAfter header) {
        this.retryAfter = header;
        return this;
    }

    /** An option of the vendor's own (read by {@link #orders} or the base URL). */
    public UpstreamSpec option(Option option) {
        options.add(option);
        return this;
    }

    /** The request fields the vendor's token request takes. */
    public UpstreamSpec fields(IdentityField... fields) {
        this.fields = Set.of(fields);
        return this;
    }

    /** How a profile's options make the vendor's token request. */
    public UpstreamSpec orders(Function<ProfileOptions, Orders> orders) {
        this.orders = orders;
        return this;
    }

    /** The widget's fields besides the token. */
    public UpstreamSpec widget(BiFunction<UserIdentity, String, Map<String, String>> fields) {
        this.widget = fields;
        return this;
    }

    /**
     * Why the vendor refuses a key id (the credential's second half) read from {@code key-id-file}, at startup and on
     * every rotation; a configured {@code key-id} is held to its option's {@code matching} format.
     */
    public UpstreamSpec keyIdRule(Function<String, Optional<String>> rule) {
        this.keyIdRule = rule;
        return this;
    }

    /** Ends the declaration with a profile and a request that work. */
    public VendorSpec example(Map<String, String> exampleOptions, String request) {
        List<Option> declared = new ArrayList<>(UpstreamOptions.declared());
        declared.addAll(options);
        return new VendorSpec(id, declared, this::rules, new Example(exampleOptions, request));
    }

    private TokenRules rules(ProfileOptions profile) {
        UpstreamPolicy policy = UpstreamOptions.read(profile, vendor, baseUrl.apply(profile), rateLimit, retryAfter);
        Orders ordered = orders.apply(profile);
        UpstreamOptions.checkMargin(profile, policy, ordered.lifetime(), ordered.lifetimeName());
        return new UpstreamRules(policy, fields, ordered.order(), widget, keyIdRule);
    }
}
