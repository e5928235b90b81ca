package dev.chattoken.sidecar.injector;

import java.util.List;

/**
 * The pod annotations the injector reads (README "Injected by the cluster's injector", one table): the opt-in, the
 * profiles, and what a pod may tune. Everything else comes from the injector's own values.
 */
public final class Annotations {

    /** {@code "true"}: inject the sidecar; {@code "false"} or absent: leave the pod alone. */
    public static final String INJECT = "chattoken.dev/inject";
    /** The ChatTokenProfiles of the pod's namespace to serve, comma-separated. */
    public static final String PROFILES = "chattoken.dev/profiles";
    /**
     * {@code "true"}: a native sidecar (Kubernetes 1.29+), {@code "false"}: a classic container; default: by version.
     */
    public static final String NATIVE_SIDECAR = "chattoken.dev/native-sidecar";
    /** The Secret holding the caller token the app must present; mounted in the sidecar and in every app container. */
    public static final String CALLER_TOKEN_SECRET = "chattoken.dev/caller-token-secret";
    /** The key of that Secret (default {@code token}). */
    public static final String CALLER_TOKEN_KEY = "chattoken.dev/caller-token-key";
    /** The sidecar's image, {@code repository:tag} or {@code repository@sha256:...}, instead of the injector's. */
    public static final String IMAGE = "chattoken.dev/image";
    /**
     * The sidecar container's resources, as JSON: {@code {"requests":{"memory":"64Mi"},"limits":{"memory":"128Mi"}}}.
     */
    public static final String RESOURCES = "chattoken.dev/resources";

    /** Every annotation of the table, for the README's check that it lists them all. */
    public static final List<String> ALL =
            List.of(INJECT, PROFILES, NATIVE_SIDECAR, CALLER_TOKEN_SECRET, CALLER_TOKEN_KEY, IMAGE, RESOURCES);

    /** The app's environment variable: where it asks for tokens. */
    public static final String SIDECAR_URL = "CHAT_TOKEN_SIDECAR_URL";

    private Annotations() {}
}
