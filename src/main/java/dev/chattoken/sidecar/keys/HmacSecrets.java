package dev.chattoken.sidecar.keys;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC secret files: the secret is the file's UTF-8 text, minus one trailing newline.
 *
 * <p>The newline rule exists because {@code echo secret > file} and most editors add one, while vendors' secrets never
 * end in one; a single {@code \n} or {@code \r\n} is dropped, anything else is kept as is.
 */
final class HmacSecrets {

    private HmacSecrets() {}

    static HmacSecret parse(byte[] content) throws KeyFileException {
        byte[] secret = withoutOneTrailingNewline(content);
        if (secret.length == 0) {
            throw new KeyFileException("is empty: an HMAC secret file must hold the vendor's secret");
        }
        String text = decodeUtf8(secret);
        if (text.startsWith("-----BEGIN")) {
            throw new KeyFileException(
                    "holds a PEM key, but the profile signs with HMAC and needs the vendor's secret text");
        }
        if (text.startsWith("{") && text.contains("\"kty\"")) {
            throw new KeyFileException(
                    "holds a JWK, but the profile signs with HMAC and needs the vendor's secret text");
        }
        return new HmacSecret(new SecretKeySpec(secret, "HmacSHA256"), secret.length, Fingerprints.ofSecret(secret));
    }

    private static byte[] withoutOneTrailingNewline(byte[] content) {
        int end = content.length;
        if (end > 0 && content[end - 1] == '\n') {
            end--;
            if (end > 0 && content[end - 1] == '\r') {
                end--;
            }
        }
        return Arrays.copyOf(content, end);
    }

    private static String decodeUtf8(byte[] secret) throws KeyFileException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(secret))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new KeyFileException("is not UTF-8 text: an HMAC secret file must hold the vendor's secret as text");
        }
    }
}
