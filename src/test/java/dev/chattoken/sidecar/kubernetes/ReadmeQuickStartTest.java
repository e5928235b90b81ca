package dev.chattoken.sidecar.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.chattoken.sidecar.docs.Markdown;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.node.FencedCodeBlock;
import org.junit.jupiter.api.Test;

/**
 * The README's numbered quick start, as far as it can run without a cluster: its values file renders with the chart
 * into the pod it describes (the app with the caller token mounted where its environment says, the sidecar of the image
 * built in step 1 serving the profile), the injector's ChatTokenProfile is the same profile, and every file of this
 * repository its commands name exists. The cluster itself is CI's kubernetes/test/kube-test.sh.
 */
class ReadmeQuickStartTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    private static List<FencedCodeBlock> blocks() {
        Markdown readme = Markdown.read(Path.of("README.md"));
        return Markdown.fencedBlocks(readme.headingTitled("Quick start: from this repository to a cluster"));
    }

    private static String values() {
        return blocks().stream()
                .filter(b -> b.getInfo().equals("yaml"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the quick start's values file"))
                .getLiteral();
    }

    @Test
    void theValuesFileRendersThePodItDescribes() throws Exception {
        HelmCharts.Rendering rendering = HelmCharts.render(values());
        JsonNode values = YAML.readTree(values());

        V1Container sidecar = rendering.sidecar();
        assertEquals(
                values.at("/image/repository").asText() + ":"
                        + values.at("/image/tag").asText(),
                sidecar.getImage(),
                "the sidecar runs the image of steps 1 and 2");
        assertEquals("localhost/chat-token-sidecar:0.1.0", sidecar.getImage());

        Map<String, String> configuration = rendering.configuration();
        assertEquals("dg", configuration.get("chat-token.profiles.support-dg.vendor"));
        assertEquals("your-dg-api-key", configuration.get("chat-token.profiles.support-dg.key-id"));
        assertEquals(
                "/var/run/secrets/chat-token/support-dg/secret",
                configuration.get("chat-token.profiles.support-dg.key-file"));
        assertEquals("/var/run/secrets/chat-token-caller/token", configuration.get("chat-token.caller-token-file"));

        V1Container app = rendering.pod().getContainers().stream()
                .filter(c -> c.getName().equals("shop"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the app container 'shop'"));
        Map<String, String> environment = HelmCharts.environmentOf(app);
        assertEquals("http://127.0.0.1:8790", environment.get("CHAT_TOKEN_SIDECAR_URL"));
        Path callerFile = Path.of(environment.get("CHAT_TOKEN_CALLER_TOKEN_FILE"));
        V1VolumeMount mount = app.getVolumeMounts().stream()
                .filter(m -> m.getName().equals("chat-token-caller"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the caller token mounted into the app"));
        assertEquals(callerFile.getParent().toString(), mount.getMountPath());
        assertEquals(
                configuration.get("chat-token.caller-token-file"),
                callerFile.toString(),
                "the app reads the caller token the sidecar checks");
    }

    @Test
    void theInjectorsProfileIsTheChartsProfile() throws Exception {
        String commands = blocks().stream().map(FencedCodeBlock::getLiteral).reduce("", String::concat);
        Matcher heredoc = Pattern.compile("(?s)<<'EOF'\\n(.*?)\\nEOF\\n").matcher(commands);
        assertTrue(heredoc.find(), "the ChatTokenProfile of the injector's way");
        JsonNode profile = YAML.readTree(heredoc.group(1));
        assertEquals("ChatTokenProfile", profile.at("/kind").asText());
        assertEquals("chattoken.dev/v1alpha1", profile.at("/apiVersion").asText());
        JsonNode values = YAML.readTree(values())
                .at("/profiles/" + profile.at("/metadata/name").asText());
        assertEquals(values, profile.at("/spec"), "the same profile both ways");
    }

    @Test
    void everyRepositoryFileTheCommandsNameExists() {
        Pattern repositoryPath =
                Pattern.compile("(?<![\\w./-])((?:kubernetes|src|examples)/[\\w./-]+|Dockerfile\\.native)");
        for (FencedCodeBlock block : blocks()) {
            Matcher path = repositoryPath.matcher(block.getLiteral());
            while (path.find()) {
                assertTrue(Files.exists(Path.of(path.group(1))), path.group(1) + " is named by the quick start");
            }
        }
    }
}
