package dev.chattoken.sidecar.health;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import sun.misc.Signal;

/**
 * SIGTERM is how Kubernetes asks a container to stop, not a failure: after the graceful shutdown (readiness DOWN,
 * in-flight requests finished, see the README's "Graceful shutdown") the process exits with status 0. Without this, the
 * JVM and the native image exit with 143 (128 + SIGTERM) and the kubelet records the container's end as an
 * {@code Error}. {@link System#exit} runs the same shutdown hooks the default handler runs, Quarkus' graceful stop
 * among them.
 */
@ApplicationScoped
public class CleanExit {

    void onStart(@Observes StartupEvent start) {
        Signal.handle(
                new Signal("TERM"),
                signal -> Thread.ofPlatform().name("chat-token-sigterm").start(() -> System.exit(0)));
    }
}
