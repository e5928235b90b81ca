package dev.chattoken.sidecar.caller;

import dev.chattoken.sidecar.config.ChatTokenConfig;
import dev.chattoken.sidecar.config.StartupException;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Whoever reaches the token API can have any user's token minted, so it listens on loopback only: only the containers
 * of the pod reach it. A configuration that would put it anywhere else stops startup with one line, unless
 * {@code chat-token.allow-non-loopback-listener=true} says it is meant (then a warning at every start).
 *
 * <p>What is judged is where the listener would be, not how it is spelt: the addresses {@code quarkus.http.host}
 * resolves to, every one of them a loopback address ({@code 127.0.0.1}, {@code ::1}, a {@code localhost} that resolves
 * to those only). {@code 0.0.0.0}, {@code ::}, a pod address, a name of one and a name that does not resolve are
 * refused. The HTTPS listener, when TLS is configured, binds the same host, so the rule covers it. A Unix domain socket
 * ({@code quarkus.http.domain-socket-enabled}) is refused too: it is reachable by whoever can open its file, which a
 * volume can share beyond the container. {@code quarkus.http.host-enabled=false} opens no TCP listener at all. The
 * management interface is another listener, on all addresses by design: it serves no token.
 *
 * <p>This runs before the profiles are loaded, and Quarkus opens the HTTP socket only after every startup bean, so a
 * refused listener is never opened.
 */
@Startup(LoopbackListener.STARTUP_PRIORITY)
@ApplicationScoped
public class LoopbackListener {

    /** Before the profiles (ProfileRegistry, 1000) and the dev mode's demo keys (900). */
    static final int STARTUP_PRIORITY = 500;

    static final String ALLOW = "chat-token.allow-non-loopback-listener";

    private static final Logger LOG = Logger.getLogger(LoopbackListener.class);

    /** How a host name becomes addresses: the JDK's resolver in the sidecar ({@code /etc/hosts}, then DNS). */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** What the token API's listener is configured to be. */
    record Listener(String host, boolean hostEnabled, boolean domainSocketEnabled, String domainSocket) {}

    public LoopbackListener(
            ChatTokenConfig config,
            @ConfigProperty(name = "quarkus.http.host") String host,
            @ConfigProperty(name = "quarkus.http.host-enabled", defaultValue = "true") boolean hostEnabled,
            @ConfigProperty(name = "quarkus.http.domain-socket-enabled", defaultValue = "false")
                    boolean domainSocketEnabled,
            @ConfigProperty(name = "quarkus.http.domain-socket", defaultValue = "/var/run/io.quarkus.app.socket")
                    String domainSocket) {
        Optional<String> beyondLoopback = beyondLoopback(
                new Listener(host, hostEnabled, domainSocketEnabled, domainSocket), InetAddress::getAllByName);
        if (beyondLoopback.isEmpty()) {
            return;
        }
        if (!config.allowNonLoopbackListener()) {
            throw new StartupException(List.of(beyondLoopback.get() + ": whoever reaches the token API can have any "
                    + "user's token minted. Keep quarkus.http.host=127.0.0.1, or set " + ALLOW
                    + "=true if it is meant to "
                    + "be reachable and something else guards it"));
        }
        LOG.warnf(
                "%s (%s=true): whoever reaches it can have any user's token minted%s",
                beyondLoopback.get(),
                ALLOW,
                config.callerTokenFile().isPresent() ? "" : ", and no caller token is required");
    }

    /**
     * Where the listener would reach beyond loopback, as a sentence naming the setting; empty when it stays on
     * loopback.
     */
    static Optional<String> beyondLoopback(Listener listener, Resolver resolver) {
        if (listener.domainSocketEnabled()) {
            return Optional.of("quarkus.http.domain-socket-enabled=true serves the token API on the Unix socket "
                    + listener.domainSocket() + ", not only on loopback");
        }
        if (!listener.hostEnabled()) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(listener.host());
        } catch (UnknownHostException e) {
            return Optional.of("quarkus.http.host=" + listener.host()
                    + " does not resolve, so the token API's address is " + "not known to be a loopback one");
        }
        List<InetAddress> outside =
                Arrays.stream(addresses).filter(a -> !a.isLoopbackAddress()).toList();
        if (outside.isEmpty()) {
            return Optional.empty();
        }
        String where = outside.stream().anyMatch(InetAddress::isAnyLocalAddress)
                ? "every address of the host"
                : outside.stream().map(InetAddress::getHostAddress).collect(Collectors.joining(", "));
        return Optional.of(
                "quarkus.http.host=" + listener.host() + " puts the token API on " + where + ", not only on loopback");
    }
}
