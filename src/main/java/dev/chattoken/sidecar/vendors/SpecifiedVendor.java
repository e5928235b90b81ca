package dev.chattoken.sidecar.vendors;

import java.util.List;

/**
 * A vendor that is its declaration ({@link VendorSpec}): the class states only what the vendor's document says, in its
 * constructor. A subclass is an {@code @ApplicationScoped} bean with a public no-argument constructor.
 */
public abstract class SpecifiedVendor implements Vendor {

    private final VendorSpec spec;

    protected SpecifiedVendor(VendorSpec spec) {
        this.spec = spec;
    }

    @Override
    public String id() {
        return spec.id();
    }

    @Override
    public List<Option> options() {
        return spec.options();
    }

    @Override
    public TokenRules configure(ProfileOptions options) {
        return spec.rules().apply(options);
    }

    @Override
    public Example example() {
        return spec.example();
    }
}
