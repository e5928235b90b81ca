package dev.chattoken.sidecar.vendors;

import java.util.List;

/**
 * One chat vendor's token rules, in one class: the profile options it reads ({@link #options()}, an allow-list),
 * how a profile's options become that profile's token rules ({@link #configure}), and a working example. An
 * implementation is an {@code @ApplicationScoped} bean with a no-argument constructor; {@link Vendors} finds it by
 * its {@link #id()}, and the shared contract tests find it in this package.
 */
public interface Vendor {

    /** The value of {@code chat-token.profiles.<name>.vendor}. */
    String id();

    /** The options a profile of this vendor may set besides {@code vendor} and {@code key-file}; others are refused. */
    List<Option> options();

    /**
     * Reads a profile's options (recording every problem in {@code options}) and returns the profile's token rules.
     * The result is used only when {@code options} recorded no problem.
     */
    VendorProfile configure(ProfileOptions options);

    /** A profile and a request that work: documentation, the demo and the contract tests' input. */
    Example example();
}
