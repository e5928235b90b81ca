package dev.chattoken.sidecar.vendors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chattoken.sidecar.profile.Profile;
import dev.chattoken.sidecar.support.Fixtures;
import dev.chattoken.sidecar.support.VendorTesting;
import dev.chattoken.sidecar.token.MintedToken;
import dev.chattoken.sidecar.vendors.InvalidRequestException.Reason;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The declared HMAC vendor (issue 10, section 3): {@code message} (constant text and {@code {field}} placeholders),
 * {@code encoding} ({@code hex} default, {@code base64}), {@code answer-field} (required) and {@code required-fields}.
 * The digest is HMAC-SHA256 with the profile's secret over exactly the rendered message; a placeholder whose field the
 * request lacks is 400 missing-field, never an empty part.
 */
class HmacVendorTest {

    private final HmacVendor vendor = new HmacVendor();

    private Profile profile(String... options) {
        return VendorTesting.profile(vendor, VendorTesting.with(Map.of("answer-field", "hash"), options));
    }

    private String refusal(String... options) {
        return VendorTesting.refusal(vendor, VendorTesting.with(Map.of("answer-field", "hash"), options));
    }

    @Test
    void theExampleSignsTheRenderedMessageAsLowercaseHex() throws Exception {
        Profile example = VendorTesting.example(vendor);
        MintedToken minted = VendorTesting.mint(example, vendor.example().request());

        assertEquals(
                Map.of("message", "{user_id}:{email}", "answer-field", "hash"),
                vendor.example().options());
        assertEquals(Fixtures.hmacHex("customer-42:ana@example.com"), minted.token());
        assertEquals(
                "1df6f65d55b149846f5fa05116654484652ff2f527bc977cc9225baa920a19c1", minted.token(), "OpenSSL's value");
        assertEquals(Map.of("hash", minted.token()), minted.widgetFields());
        assertEquals(Optional.empty(), minted.expiresAt());
        assertFalse(example.rules().signsJwt());
    }

    @Test
    void base64IsStandardBase64WithPadding() throws Exception {
        Profile profile = profile("message", "{user_id}:{email}", "encoding", "base64");
        String token = VendorTesting.mint(profile, "{\"user_id\":\"customer-42\",\"email\":\"ana@example.com\"}")
                .token();

        assertEquals(Fixtures.hmacBase64("customer-42:ana@example.com"), token);
        assertEquals("Hfb2XVWxSYRvX6BRFmVEhGUv8vUnvJd8ySJbqpIKGcE=", token, "OpenSSL's value");
    }

    @Test
    void constantTextIsKeptExactlyAndAFieldMayRepeat() throws Exception {
        Profile profile = profile("message", "v1|{user_id}| {name} |{user_id}", "answer-field", "userSignature");
        MintedToken minted = VendorTesting.mint(profile, "{\"user_id\":\"42\",\"name\":\"Ana Lu\"}");

        assertEquals(Fixtures.hmacHex("v1|42| Ana Lu |42"), minted.token());
        assertEquals(Map.of("userSignature", minted.token()), minted.widgetFields());
    }

    @Test
    void eachTextFieldCanBeSignedAsSent() throws Exception {
        Profile profile = profile("message", "{user_id}|{email}|{name}|{phone_number}|{picture}|{chat_id}");
        String body = "{\"user_id\":\"u\",\"email\":\"E@x.io\",\"name\":\"N\",\"phone_number\":\"+1 555\","
                + "\"picture\":\"https://x.io/p.png\",\"chat_id\":\"c\"}";

        assertEquals(
                Fixtures.hmacHex("u|E@x.io|N|+1 555|https://x.io/p.png|c"),
                VendorTesting.mint(profile, body).token());
    }

    @Test
    void aValueHoldingTheTextThatFollowsItIsRefusedSoNoTwoRequestsSignTheSameText() throws Exception {
        Profile profile = profile("message", "{user_id}:{email}");
        // both would sign "42:alice:x@example.com"
        assertRefused(
                profile, "{\"user_id\":\"42:alice\",\"email\":\"x@example.com\"}", Reason.INVALID_FIELD, "user_id");
        assertEquals(
                Fixtures.hmacHex("42:alice:x@example.com"),
                VendorTesting.mint(profile, "{\"user_id\":\"42\",\"email\":\"alice:x@example.com\"}")
                        .token(),
                "the last field takes the rest: its value is read back whole");

        Profile wide = profile("message", "{user_id}::{email}");
        // "a:" + "::" holds "::" one character early: "a:::b@x.y" reads as a + ":" + ":b@x.y" too
        assertRefused(wide, "{\"user_id\":\"a:\",\"email\":\"b@x.y\"}", Reason.INVALID_FIELD, "user_id");
        assertEquals(
                Fixtures.hmacHex("a:b::c@x.y"),
                VendorTesting.mint(wide, "{\"user_id\":\"a:b\",\"email\":\"c@x.y\"}")
                        .token());
    }

    @Test
    void twoPlaceholdersWithNothingBetweenThemAreRefusedAtStartup() {
        assertTrue(VendorTesting.refusal(vendor, Map.of("message", "v1:{user_id}{email}", "answer-field", "hash"))
                .contains(
                        "chat-token.profiles.hmac.message has {user_id}{email} with nothing between them: different values would "
                                + "give the same text"));
    }

    @Test
    void theMessagesFieldsAreAcceptedAndEveryOtherIsRefused() throws Exception {
        Profile profile = profile("message", "{email}");
        assertEquals(Set.of(IdentityField.EMAIL), profile.rules().acceptedFields());

        assertRefused(profile, "{\"email\":\"a@b.c\",\"user_id\":\"1\"}", Reason.UNSUPPORTED_FIELD, "user_id");
    }

    @Test
    void aPlaceholderWhoseFieldIsMissingIsRefusedNotLeftEmpty() {
        Profile profile = profile("message", "{user_id}:{email}");

        assertRefused(profile, "{\"user_id\":\"42\"}", Reason.MISSING_FIELD, "email");
        assertRefused(profile, "{\"email\":\"a@b.c\"}", Reason.MISSING_FIELD, "user_id");
        assertRefused(profile, "{\"user_id\":\" \",\"email\":\"a@b.c\"}", Reason.MISSING_FIELD, "user_id");
    }

    @Test
    void fieldValuesFollowTheSharedRules() {
        Profile profile = profile("message", "{user_id}:{email}:{picture}");

        assertRefused(
                profile,
                "{\"user_id\":\"4\\u200b2\",\"email\":\"a@b.c\",\"picture\":\"https://x.io\"}",
                Reason.INVALID_FIELD,
                "user_id");
        assertRefused(
                profile,
                "{\"user_id\":\"42\",\"email\":\"ab.c\",\"picture\":\"https://x.io\"}",
                Reason.INVALID_FIELD,
                "email");
        assertRefused(
                profile,
                "{\"user_id\":\"42\",\"email\":\"a@b.c\",\"picture\":\"http://x.io\"}",
                Reason.INVALID_FIELD,
                "picture");
    }

    @Test
    void aTemplateNamingUnknownOrNonTextFieldsIsRefusedOnePhraseEach() {
        String refusal = refusal("message", "{user}:{claims}:{email_verified}");

        assertTrue(refusal.startsWith("profile 'hmac': "), refusal);
        assertTrue(
                refusal.contains("chat-token.profiles.hmac.message names {user}, which is not a text request field "
                        + "(user_id, email, name, phone_number, picture, chat_id)"),
                refusal);
        assertTrue(refusal.contains("message names {claims}"), refusal);
        assertTrue(refusal.contains("message names {email_verified}"), refusal);
        assertEquals(2, refusal.chars().filter(c -> c == ';').count(), refusal);
    }

    @Test
    void quarkusExpressionsAndStrayBracesAreRefused() {
        assertTrue(refusal("message", "${user_id}").contains("holds ${...}, Quarkus' own configuration expression"));
        assertTrue(refusal("message", "{user_id}:$${email}").contains("holds ${...}"));
        assertTrue(refusal("message", "{user_id").contains("has a '{' without its '}' at position 0"));
        assertTrue(refusal("message", "user_id}").contains("has a '}' without its '{' at position 7"));
        assertTrue(refusal("message", "{}").contains("names {}"));
    }

    @Test
    void aMessageWithoutAPlaceholderIsRefused() {
        assertTrue(refusal("message", "everyone")
                .contains("chat-token.profiles.hmac.message holds no {field} placeholder: "
                        + "every user would get the same digest"));
    }

    @Test
    void encodingIsHexOrBase64() {
        assertTrue(refusal("message", "{user_id}", "encoding", "HEX")
                .contains("chat-token.profiles.hmac.encoding must be " + "hex or base64, not HEX"));
    }

    @Test
    void theAnswerFieldIsRequiredAndMayNotReplaceTheAnswersOwnMembers() {
        assertTrue(refusal("message", "{user_id}", "answer-field", null)
                .contains("chat-token.profiles.hmac.answer-field is " + "required for hmac"));
        for (String own : new String[] {"token", "profile", "vendor", "expires_at"}) {
            assertTrue(
                    refusal("message", "{user_id}", "answer-field", own)
                            .contains("answer-field may not be '" + own + "'"),
                    own);
        }
        assertTrue(refusal("message", "{user_id}", "answer-field", "user hash")
                .contains("answer-field must be a field name"));
    }

    @Test
    void requiredFieldsMayOnlyNameFieldsTheMessageSigns() throws Exception {
        Profile profile = profile("message", "{user_id}", "required-fields", "user_id");
        assertEquals(
                Fixtures.hmacHex("7"),
                VendorTesting.mint(profile, "{\"user_id\":\"7\"}").token());

        assertTrue(refusal("message", "{user_id}", "required-fields", "user_id,email")
                .contains("required-fields names " + "email, which the message does not sign"));
        assertTrue(refusal("message", "{user_id}", "required-fields", "uid")
                .contains("required-fields names 'uid', which " + "is not a request field"));
    }

    private static void assertRefused(Profile profile, String body, Reason reason, String field) {
        InvalidRequestException refused =
                assertThrows(InvalidRequestException.class, () -> VendorTesting.mint(profile, body));
        assertEquals(reason, refused.reason(), body);
        assertEquals(field, refused.field(), body);
    }
}
