package dev.chattoken.sidecar.caller;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.chattoken.sidecar.caller.LoopbackListener.Listener;
import dev.chattoken.sidecar.caller.LoopbackListener.Resolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The token API's listener is judged by the addresses its host resolves to, not by the host's spelling. Literal
 * addresses and {@code localhost} go through the JDK's own resolver, as in the sidecar; host names that must resolve
 * somewhere in particular go through a fixed table (this machine's DNS decides nothing here).
 */
class LoopbackListenerTest {

    private static final Resolver JDK = InetAddress::getAllByName;

    private static Optional<String> tcp(String host, Resolver resolver) {
        return LoopbackListener.beyondLoopback(
                new Listener(host, true, false, "/var/run/io.quarkus.app.socket"), resolver);
    }

    /** A resolver that knows the given names only, as /etc/hosts would. */
    private static Resolver table(Map<String, String[]> names) {
        return host -> {
            String[] addresses = names.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = InetAddress.getByName(addresses[i]); // literals: no lookup
            }
            return resolved;
        };
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "127.0.0.2", "::ffff:127.0.0.1", "0:0:0:0:0:0:0:1"})
    void loopbackAddressesAreAccepted(String host) {
        assertEquals(Optional.empty(), tcp(host, JDK), host);
    }

    @Test
    void localhostIsAcceptedWhenItResolvesToLoopbackOnly() throws Exception {
        assumeTrue(
                Arrays.stream(InetAddress.getAllByName("localhost")).allMatch(InetAddress::isLoopbackAddress),
                "this machine's localhost resolves to loopback only");
        assertEquals(Optional.empty(), tcp("localhost", JDK));
    }

    @Test
    void aLocalhostThatAlsoResolvesElsewhereIsRefused() {
        Optional<String> refusal = tcp("localhost", table(Map.of("localhost", new String[] {"127.0.0.1", "10.0.0.7"})));
        assertEquals(
                Optional.of("quarkus.http.host=localhost puts the token API on 10.0.0.7, not only on loopback"),
                refusal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "0:0:0:0:0:0:0:0"})
    void everyAddressIsRefused(String host) {
        assertEquals(
                Optional.of("quarkus.http.host=" + host
                        + " puts the token API on every address of the host, not only on loopback"),
                tcp(host, JDK));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2.3", "192.168.0.10", "169.254.1.1", "fd00::1", "fe80::1"})
    void aNonLoopbackAddressIsRefused(String host) {
        Optional<String> refusal = tcp(host, JDK);
        assertTrue(refusal.isPresent(), host);
        assertTrue(refusal.get().startsWith("quarkus.http.host=" + host + " puts the token API on "), refusal.get());
    }

    @Test
    void aNameOfANonLoopbackAddressIsRefusedNamingTheAddress() {
        Resolver hosts = table(Map.of("sidecar.internal", new String[] {"10.244.0.17"}));
        assertEquals(
                Optional.of(
                        "quarkus.http.host=sidecar.internal puts the token API on 10.244.0.17, not only on loopback"),
                tcp("sidecar.internal", hosts));
    }

    @Test
    void aNameThatDoesNotResolveIsRefused() {
        assertEquals(
                Optional.of(
                        "quarkus.http.host=nowhere.invalid does not resolve, so the token API's address is not known "
                                + "to be a loopback one"),
                tcp("nowhere.invalid", table(Map.of())));
    }

    @Test
    void aUnixDomainSocketIsRefusedWhateverTheHost() {
        assertEquals(
                Optional.of("quarkus.http.domain-socket-enabled=true serves the token API on the Unix socket "
                        + "/shared/api.sock, not only on loopback"),
                LoopbackListener.beyondLoopback(new Listener("127.0.0.1", true, true, "/shared/api.sock"), JDK));
    }

    @Test
    void noTcpListenerAtAllIsNotBeyondLoopback() {
        assertEquals(
                Optional.empty(),
                LoopbackListener.beyondLoopback(
                        new Listener("0.0.0.0", false, false, "/var/run/io.quarkus.app.socket"), JDK));
    }
}
