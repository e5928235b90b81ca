package dev.chattoken.sidecar.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sidecar's configuration under {@code chat-token.*}.
 *
 * <p>Every profile field is optional here on purpose: only <em>active</em> profiles are checked, by
 * {@link ProfileSettings#from}, so that a half-written inactive profile does not stop startup and an active one fails
 * with one line naming the profile instead of a generic mapping error.
 */
@ConfigMapping(prefix = "chat-token")
public interface ChatTokenConfig {

    /**
     * What this process is: the sidecar beside an app (default), or the cluster's injector, which serves the admission
     * webhooks on the management interface over HTTPS and has no token listener at all ({@link RoleDefaults}).
     */
    @WithDefault("sidecar")
    Role role();

    /** The two roles of the one executable. */
    enum Role {
        SIDECAR,
        INJECTOR;

        /** SmallRye converts {@code injector} to {@code INJECTOR} itself; this spells a value for messages. */
        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The injector role's settings; read only in that role. */
    Injector injector();

    interface Injector {
        /**
         * The sidecar's cluster-wide settings, as the sidecar chart's values take them (image, nativeSidecar, ports,
         * resources, securityContext, podSecurityContext, probes, reloadInterval), in a JSON or YAML file the injector
         * chart renders.
         */
        Optional<Path> sidecarValuesFile();

        /** The namespace the injector runs in: it never injects there (nor in kube-system and kube-public). */
        Optional<String> namespace();

        /** How often the API server's version is read again (it decides native or classic sidecars). */
        @WithDefault("5m")
        Duration versionRefresh();

        /** Where the API server is; in a pod, from its service account. */
        Kubernetes kubernetes();

        interface Kubernetes {
            /** Default: https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT. */
            Optional<String> url();

            @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/ca.crt")
            Path caFile();

            /** Re-read before every request: a projected service-account token is replaced by the kubelet. */
            @WithDefault("/var/run/secrets/kubernetes.io/serviceaccount/token")
            Path tokenFile();

            /** How long one request to the API server may take (the webhook's own timeout is a few seconds). */
            @WithDefault("2s")
            Duration timeout();
        }
    }

    /** Names of the profiles that are loaded and served ({@code CHAT_TOKEN_ACTIVE=a,b}). */
    Optional<List<String>> active();

    /** Every declared profile, active or not, by name. */
    Map<String, ProfileConfig> profiles();

    /**
     * How often every key file is re-read as a backstop to the folder watch, which normally sees a rotated Secret
     * within a second.
     */
    @WithDefault("10s")
    Duration reloadInterval();

    /**
     * A file (a mounted Secret) holding a shared token that every token-API request must present in the
     * {@code X-Chat-Token-Caller} header. Unset: any process that reaches the loopback port may call.
     */
    Optional<Path> callerTokenFile();

    /**
     * false (default): the sidecar refuses to start when the token API would listen beyond loopback
     * ({@code quarkus.http.host} resolving to an address that is not a loopback one, or a Unix domain socket). true:
     * such a listener is allowed on purpose (a warning at every start): whoever reaches the token API can have any
     * user's token minted, so something else must guard it then.
     */
    @WithDefault("false")
    boolean allowNonLoopbackListener();

    /**
     * How long a token-API request may take from its headers to its answer: a client that trickles its body is answered
     * 408 and disconnected.
     */
    @WithDefault("5s")
    Duration requestDeadline();

    /**
     * In a native executable, sign RS256 with the system's libcrypto (loaded at run time, held to a known-answer test
     * at startup, each key proven by a test signature when it is loaded) instead of the JDK's RSA, which runs several
     * times slower there. A key libcrypto cannot use is signed by the JDK. Ignored on the JVM.
     */
    @WithDefault("true")
    boolean nativeOpensslSigning();

    /** What the management interface (all addresses, unauthenticated: the kubelet and Prometheus) shows. */
    Management management();

    interface Management {
        /**
         * false (default): readiness says UP or DOWN and names the profiles whose last reload was refused. true: it
         * also shows each profile's vendor, key fingerprint, key age and reload error, as {@code GET /v1/profiles} on
         * the loopback API always does. A fingerprint of an HMAC secret is a guessing oracle for whoever can reach the
         * port, so the detail stays off where the port is reachable from the cluster.
         */
        @WithDefault("false")
        boolean profileDetails();
    }

    /** The audit line of each minted token. */
    Audit audit();

    interface Audit {
        /**
         * A secret file (a mounted Secret, at least 16 bytes) keying the user pseudonym of the audit line: with it,
         * {@code user=hmac:<HMAC-SHA256(key, user id)>}, which only a holder of the key can link to an id; without it,
         * the audit line names no user.
         */
        Optional<Path> userKeyFile();
    }

    /** {@code POST /v1/verify/{profile}}. */
    Verify verify();

    interface Verify {
        /**
         * Allowed difference between our clock and the signer's when checking {@code exp}, {@code nbf}, {@code iat}.
         */
        @WithDefault("30s")
        Duration clockSkew();
    }

    /**
     * A declared profile. Only {@code vendor} and the key files are read here; every other setting is the vendor's
     * option, read by the vendor from {@link #settings()}, which refuses the ones it does not declare.
     */
    interface ProfileConfig {
        /** {@code dg}, {@code kindly}, ... (the README's vendor table). */
        Optional<String> vendor();

        /** The HMAC secret or the private key, as mounted from a Kubernetes Secret. */
        Optional<Path> keyFile();

        /**
         * A file in the same Secret holding the id its issuer gave the key (DG's API key, a Zendesk signing key's id, a
         * Twilio API key SID): re-read and swapped together with the key, so a token never pairs one with the other's
         * predecessor. Instead of a fixed {@code key-id}.
         */
        Optional<Path> keyIdFile();

        /** Every setting of the profile, by name, {@code vendor} and the key files included. */
        @WithParentName
        Map<String, String> settings();
    }
}
