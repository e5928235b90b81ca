package dev.chattoken.sidecar.health;

import static dev.chattoken.sidecar.support.Tokens.mint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.support.Management;
import io.quarkus.test.junit.QuarkusTest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Prometheus metrics on the management port: issued and refused tokens, signing time; no key detail. */
@QuarkusTest
class MetricsTest {

    private static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.E+-]+)$", Pattern.MULTILINE)
                .matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String scrape() {
        return Management.request()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    @Test
    void issuedTokensAreCountedPerProfile() {
        double before = value(scrape(), "chat_token_tokens_issued_total{profile=\"huggy\",vendor=\"huggy\"}");
        for (int i = 0; i < 3; i++) {
            mint("huggy", "{\"user_id\":\"m" + i + "\"}").statusCode(200);
        }
        String metrics = scrape();
        assertEquals(before + 3, value(metrics, "chat_token_tokens_issued_total{profile=\"huggy\",vendor=\"huggy\"}"));
        assertTrue(value(metrics, "chat_token_signing_seconds_count{profile=\"huggy\"}") >= 3);
    }

    @Test
    void refusalsAreCountedByReasonAndUnknownNamesShareOneLabel() {
        String refusedMissing = "chat_token_tokens_refused_total{profile=\"kindly\",reason=\"missing-field\"}";
        String refusedUnknown = "chat_token_tokens_refused_total{profile=\"unknown\",reason=\"unknown-profile\"}";
        String before = scrape();
        mint("kindly", "{\"user_id\":\"u\"}").statusCode(400);
        mint("made-up-" + System.nanoTime(), "{\"user_id\":\"u\"}").statusCode(404);
        String after = scrape();
        assertEquals(value(before, refusedMissing) + 1, value(after, refusedMissing));
        assertEquals(value(before, refusedUnknown) + 1, value(after, refusedUnknown));
        assertTrue(!after.contains("made-up-"), "caller-chosen names never become labels");
    }

    @Test
    void noKeyDetailIsExportedByDefault() {
        // the management port answers the whole cluster: no key age (when keys rotate), fingerprint or key id
        String metrics = scrape();
        assertTrue(metrics.contains("chat_token_libcrypto_keys"), "the sidecar's meters are there");
        assertFalse(metrics.contains("chat_token_key_age_seconds"), "key ages are profile detail");
        assertFalse(metrics.contains("sha256:"), "no key fingerprint");
        assertFalse(metrics.contains("dg-api-key"), "no key id");
    }
}
