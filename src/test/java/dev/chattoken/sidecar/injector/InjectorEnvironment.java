package dev.chattoken.sidecar.injector;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the injector role needs around it in a test: its webhook certificate (and a second one to rotate to), a fake API
 * server holding ChatTokenProfiles, a service-account token file, and the sidecar's values, as the injector chart gives
 * them. The files are under {@code chat-token-tests.injector-dir}.
 */
public class InjectorEnvironment implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = "test-service-account-token";
    private FakeApiServer api;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("chat-token-injector");
            Map<String, String> config = new HashMap<>(settings(dir));
            TestTls.create(dir, "rotated");
            TestTls apiTls = TestTls.create(dir, "api");
            api = new FakeApiServer(apiTls, TOKEN)
                    .profile("shop", "support-dg", PodInjectionTest.DG)
                    .profile("shop", "shop-kindly", PodInjectionTest.KINDLY);
            config.put("chat-token.injector.kubernetes.url", api.url());
            config.put(
                    "chat-token.injector.kubernetes.ca-file",
                    apiTls.certificate().toString());
            return config;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The injector's own files and settings in {@code dir}, the API server's left to the caller. */
    public static Map<String, String> settings(Path dir) throws Exception {
        TestTls webhook = TestTls.create(dir, "webhook");
        Path token = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        Path values = dir.resolve("sidecar.json");
        Pods.JSON.writeValue(values.toFile(), Pods.yaml(Pods.SIDECAR_VALUES));
        Map<String, String> config = new HashMap<>();
        config.put("chat-token.role", "injector");
        config.put("chat-token.injector.sidecar-values-file", values.toString());
        config.put("chat-token.injector.namespace", "chat-token-system");
        config.put("chat-token.injector.kubernetes.token-file", token.toString());
        config.put(
                "quarkus.management.ssl.certificate.files",
                webhook.certificate().toString());
        config.put("quarkus.management.ssl.certificate.key-files", webhook.key().toString());
        // Quarkus reloads no more often than every 30 s
        config.put("quarkus.management.ssl.certificate.reload-period", "30s");
        config.put("chat-token-tests.injector-dir", dir.toString());
        return config;
    }

    @Override
    public void stop() {
        if (api != null) {
            api.close();
        }
    }
}
