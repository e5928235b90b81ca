package dev.chattoken.sidecar.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The known-answer test libcrypto must pass before it signs anything: RSASSA-PKCS1-v1_5 is deterministic, so a fixed
 * key and message have exactly one correct signature per hash. The key is a 1024-bit RSA key made for this test alone
 * ({@code openssl genpkey}); it is public here, proves nothing about anyone and never signs a token.
 * {@code KnownAnswerTest} checks the expected signature with the JDK, independently of OpenSSL.
 */
final class KnownAnswer {

    static final byte[] MESSAGE = "chat-token-sidecar libcrypto known-answer test".getBytes(StandardCharsets.US_ASCII);

    /** PKCS#8 DER, base64: test-only key, see above. */
    private static final String KEY =
            "MIICdwIBADANBgkqhkiG9w0BAQEFAASCAmEwggJdAgEAAoGBAKvOIgtrLebirpzjzLHcBlS1sh8QdUTg8dqB2qhVHBoOAd//1vEk"
                    + "HS3LyU00q/3ziy4bxeBdceTMWbByLxahC41Vs1JCjYn9ZginPf5UZ8xrXlwQaM0L6pbtkVQLO4AmPqZFuncZxWCg4vKkV5048Zbx"
                    + "ilAI3VzmXXXinNKjYIhhAgMBAAECgYAKShUl4+xi2I6mnMoEmO3UIvGhBKZRUruJX5+N11MQiGg6VyMzW/tXY84RjqcCVZSvVUB7"
                    + "mH0au9ZfR+dkDo8XdaVGX0U11AUf6eK0lviGS3QJ6JOF3l1U0uKdx4QMRT6+Ix6M4XNxGBT1eu32SsPlvKfKOtKcJGi9vV8o68O7"
                    + "VQJBAORiJul2ElNpyJiGLLZ3vOCoQpuum8+wszbXNh4lB8/1PMx0sk8U9ceX/GsqOi+fPfQxebSOV2ejB6qTxFq2fNcCQQDAlIsf"
                    + "+8518MZ7NWg84OljS4BnIf+K7+oXbIYDZ8B0WoprmJoSFlNE6D4r6H87Aln/RPOjwrqu3tCyuevZ34WHAkEAu3/trGw4XW0SuE4n"
                    + "9WJWmibqEICJATlz2QlVL+h9Anm3gbApGA4APu6D2MOhY6mcJphb8CWQktBhIeURJtx9nwJAUlJtUoPCkvoU7nA7GeMPAWox/mQz"
                    + "J8I88Dxs4SHFzDcz+qCmI9s1Rzx77ysY0DHGJO/lsng4cy4+SlhdsKnzGwJBAJpdu+rMMHltSEQ8a51R33dE0lagygKa90X+xv/Z"
                    + "zljXxU6VSmxa30PkrXl8nE/eHifKRFSPVNsqYY4UJYM+pDE=";

    /** RS256 of {@link #MESSAGE} with {@link #KEY}, base64. */
    private static final String RS256 =
            "hDTYgBocD6rgArVM8Ggh4uv85QwbIqtGrOhjOofqv047Sknv1qRZj72rYRb634+P4vzyLJyz2ztfTaMGHsojg2Nl/bw0Aw1g/loQ"
                    + "rtkb1rd4PsIKEOWoftZVWK3cuehc3GelPWaPLx+9UwzpL2Ph2/IjXJDcefG6bwtcu2+C3lk=";

    /** RS384 of {@link #MESSAGE} with {@link #KEY}, base64 ({@code openssl dgst -sha384 -sign}). */
    private static final String RS384 =
            "CHPwVZVTNEOu3G40Q7+OTYKFsAW8uVJfflbcBbXFex1/9YBFo/ON3e3d6NdTdVUv+1V1ywwd4vKRv5tPVPeDFC+TQt97aPeC014q"
                    + "BV5xnl3JpyW01uvkcm50MdvxzWFWvXeInnhMaGN+JstxnKi0qVPAi67o1UXx4MnhWg6VYdU=";

    /** RS512 of {@link #MESSAGE} with {@link #KEY}, base64 ({@code openssl dgst -sha512 -sign}). */
    private static final String RS512 =
            "Sh3uNHvHDrJxdXFVPl25Xfkvr9n/Je/AW9bMIUewR1sH0MQkTHbwoxYh7S6Q2IZ+dyh6EHt3Xc7bbQU9HkDSwhSoB+Cxoin9N/PQ"
                    + "7vpKnBYsLtFedn9vsQbM3cKxKwq2RHUuBcbvFdXtvVdnfL408WzIcsd4LMwVo4iJJDVTbgU=";

    private KnownAnswer() {}

    static byte[] key() {
        return Base64.getDecoder().decode(KEY);
    }

    /** The one correct signature of {@link #MESSAGE} with {@link #KEY} under {@code algorithm}. */
    static byte[] signature(RsaAlgorithm algorithm) {
        return Base64.getDecoder()
                .decode(
                        switch (algorithm) {
                            case RS256 -> RS256;
                            case RS384 -> RS384;
                            case RS512 -> RS512;
                        });
    }
}
