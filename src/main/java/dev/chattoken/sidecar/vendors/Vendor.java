package dev.chattoken.sidecar.vendors;

import java.util.List;

/**
 * One chat vendor, in one class: the profile options it reads ({@link #options()}, an allow-list), how a profile's
 * options become the vendor's rules for that profile ({@link #configure}), and a working example. Most vendors are
 * their document's declaration ({@link SpecifiedVendor}); the declared {@code jwt} and {@code hmac} vendors build their
 * rules from the profile. An implementation is an {@code @ApplicationScoped} bean with a no-argument constructor;
 * {@link Vendors} finds it by its {@link #id()}, and the shared contract tests find it in this package.
 */
public interface Vendor {

    /** The value of {@code chat-token.profiles.<name>.vendor}. */
    String id();

    /** The options a profile of this vendor may set besides {@code vendor} and {@code key-file}; others are refused. */
    List<Option> options();

    /**
     * Reads a profile's options (recording every problem in {@code options}) and returns the vendor's rules for the
     * profile. The result is used only when {@code options} recorded no problem.
     */
    TokenRules configure(ProfileOptions options);

    /** A profile and a request that work: documentation, the demo and the contract tests' input. */
    Example example();
}
