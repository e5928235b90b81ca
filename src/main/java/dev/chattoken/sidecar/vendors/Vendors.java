package dev.chattoken.sidecar.vendors;

import io.quarkus.arc.All;
import io.quarkus.arc.ClientProxy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The vendors this build knows, by id. */
@Singleton
public class Vendors {

    private final Map<String, Vendor> byId;

    public Vendors(@All List<Vendor> vendors) {
        this.byId = vendors.stream()
                // the instances themselves: a profile calls its vendor on every request, a client proxy would look the
                // bean up each time (docs/performance.md, "Framework defaults replaced")
                .map(ClientProxy::unwrap)
                .collect(Collectors.toMap(
                        Vendor::id,
                        Function.identity(),
                        (a, b) -> {
                            throw new IllegalStateException("two vendors claim the id '" + a.id() + "'");
                        },
                        TreeMap::new));
    }

    public Optional<Vendor> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** Every vendor, sorted by id. */
    public java.util.Collection<Vendor> all() {
        return byId.values();
    }

    /** The known ids, sorted, for messages. */
    public String ids() {
        return String.join(", ", byId.keySet());
    }
}
