package dev.chattoken.sidecar.caller;

import dev.chattoken.sidecar.support.KubeletSecretVolume;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;

/** The caller token as a kubelet-mounted Secret, re-read every second. */
public class CallerTokenVolume implements QuarkusTestResourceLifecycleManager {

    public KubeletSecretVolume volume;

    @Override
    public Map<String, String> start() {
        try {
            volume = new KubeletSecretVolume(
                    Files.createTempDirectory("caller-token").resolve("caller"),
                    Map.of("token", "first-caller-token\n".getBytes(StandardCharsets.UTF_8)));
            return Map.of(
                    "chat-token.caller-token-file",
                    volume.file("token").toString(),
                    "chat-token.reload-interval",
                    "1s");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(this, new TestInjector.MatchesType(CallerTokenVolume.class));
    }

    @Override
    public void stop() {}
}
