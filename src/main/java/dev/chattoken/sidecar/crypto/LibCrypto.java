package dev.chattoken.sidecar.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.graalvm.nativeimage.PinnedObject;
import org.graalvm.nativeimage.c.function.CFunction;
import org.graalvm.nativeimage.c.function.CFunctionPointer;
import org.graalvm.nativeimage.c.function.CLibrary;
import org.graalvm.nativeimage.c.function.InvokeCFunctionPointer;
import org.graalvm.nativeimage.c.type.CCharPointer;
import org.graalvm.nativeimage.c.type.CTypeConversion;
import org.graalvm.word.PointerBase;
import org.graalvm.word.WordFactory;

/**
 * The system's libcrypto, loaded with {@code dlopen} at run time (native image only): the few EVP functions that sign
 * with an RSA key. Loaded, not linked, so that the executable still starts where libcrypto is missing and falls back to
 * the JDK's RSA. Pointers cross as {@code long}s.
 *
 * <p>Every call starts on an empty OpenSSL error queue (libcrypto may leave errors behind even when it succeeds, e.g.
 * the decoders {@code d2i_AutoPrivateKey} tried first), and a failure reads the first queued error into the exception
 * and empties the queue again: each failure reports its own error and the thread keeps none.
 */
final class LibCrypto {

    private static final String[] LIBRARY_NAMES = {"libcrypto.so.3", "libcrypto.so"};
    private static final int RTLD_NOW = 2;

    /** glibc's loader; in glibc 2.34+ the functions live in libc itself and libdl is a stub. */
    @CLibrary("dl")
    static final class Dl {
        @CFunction
        static native PointerBase dlopen(CCharPointer file, int mode);

        @CFunction
        static native PointerBase dlsym(PointerBase handle, CCharPointer symbol);
    }

    interface NoArgs extends CFunctionPointer {
        @InvokeCFunctionPointer
        long call();
    }

    interface NoArgsVoid extends CFunctionPointer {
        @InvokeCFunctionPointer
        void call();
    }

    interface OneArg extends CFunctionPointer {
        @InvokeCFunctionPointer
        void call(long a);
    }

    interface ThreeArgs extends CFunctionPointer {
        @InvokeCFunctionPointer
        long call(long a, long b, long c);
    }

    interface ThreeArgsVoid extends CFunctionPointer {
        @InvokeCFunctionPointer
        void call(long a, long b, long c);
    }

    interface FiveArgs extends CFunctionPointer {
        @InvokeCFunctionPointer
        int call(long a, long b, long c, long d, long e);
    }

    private final ThreeArgs d2iAutoPrivateKey;
    private final OneArg evpPkeyFree;
    private final NoArgs evpMdCtxNew;
    private final OneArg evpMdCtxFree;
    /** The {@code EVP_MD} of each algorithm's hash: static objects of libcrypto, never freed. */
    private final Map<RsaAlgorithm, Long> digests = new EnumMap<>(RsaAlgorithm.class);

    private final FiveArgs evpDigestSignInit;
    private final FiveArgs evpDigestSign;
    private final NoArgs errGetError;
    private final ThreeArgsVoid errErrorStringN;
    private final NoArgsVoid errClearError;

    private LibCrypto(PointerBase handle) {
        d2iAutoPrivateKey = symbol(handle, "d2i_AutoPrivateKey");
        evpPkeyFree = symbol(handle, "EVP_PKEY_free");
        evpMdCtxNew = symbol(handle, "EVP_MD_CTX_new");
        evpMdCtxFree = symbol(handle, "EVP_MD_CTX_free");
        evpDigestSignInit = symbol(handle, "EVP_DigestSignInit");
        evpDigestSign = symbol(handle, "EVP_DigestSign");
        errGetError = symbol(handle, "ERR_get_error");
        errErrorStringN = symbol(handle, "ERR_error_string_n");
        errClearError = symbol(handle, "ERR_clear_error");
        for (RsaAlgorithm algorithm : RsaAlgorithm.values()) {
            digests.put(algorithm, ((NoArgs) symbol(handle, algorithm.libcryptoDigest())).call());
        }
    }

    /** The library, or empty when no libcrypto can be loaded or one of its functions is missing. */
    static Optional<LibCrypto> load() {
        for (String name : LIBRARY_NAMES) {
            try (CTypeConversion.CCharPointerHolder file = CTypeConversion.toCString(name)) {
                PointerBase handle = Dl.dlopen(file.get(), RTLD_NOW);
                if (handle.isNonNull()) {
                    try {
                        return Optional.of(new LibCrypto(handle));
                    } catch (IllegalStateException missing) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }

    @SuppressWarnings("unchecked")
    private static <T extends CFunctionPointer> T symbol(PointerBase handle, String name) {
        try (CTypeConversion.CCharPointerHolder symbol = CTypeConversion.toCString(name)) {
            PointerBase address = Dl.dlsym(handle, symbol.get());
            if (address.isNull()) {
                throw new IllegalStateException("libcrypto has no " + name);
            }
            return (T) WordFactory.pointer(address.rawValue());
        }
    }

    /** Parses a DER private key (PKCS#8 or PKCS#1); returns the EVP_PKEY, which {@link #freePrivateKey} frees. */
    long parsePrivateKey(byte[] der) throws LibCryptoException {
        errClearError.call();
        long key;
        try (PinnedObject bytes = PinnedObject.create(der);
                PinnedObject cursor = PinnedObject.create(
                        new long[] {bytes.addressOfArrayElement(0).rawValue()})) {
            key = d2iAutoPrivateKey.call(0L, cursor.addressOfArrayElement(0).rawValue(), der.length);
        }
        if (key == 0L) {
            throw failure("d2i_AutoPrivateKey");
        }
        return key;
    }

    void freePrivateKey(long key) {
        evpPkeyFree.call(key);
    }

    /** RSASSA-PKCS1-v1_5 of {@code data} with {@code algorithm}'s hash: the RS256 or RS512 signature. */
    byte[] sign(long key, RsaAlgorithm algorithm, byte[] data, int maxSignatureLength) throws LibCryptoException {
        long digest = digests.get(algorithm);
        byte[] signature = new byte[maxSignatureLength];
        long[] length = {signature.length};
        errClearError.call();
        long context = evpMdCtxNew.call();
        if (context == 0L) {
            throw failure("EVP_MD_CTX_new");
        }
        try (PinnedObject in = PinnedObject.create(data.length == 0 ? new byte[1] : data);
                PinnedObject out = PinnedObject.create(signature);
                PinnedObject len = PinnedObject.create(length)) {
            if (evpDigestSignInit.call(context, 0L, digest, 0L, key) != 1) {
                throw failure("EVP_DigestSignInit");
            }
            if (evpDigestSign.call(
                            context,
                            out.addressOfArrayElement(0).rawValue(),
                            len.addressOfArrayElement(0).rawValue(),
                            in.addressOfArrayElement(0).rawValue(),
                            data.length)
                    != 1) {
                throw failure("EVP_DigestSign");
            }
        } finally {
            evpMdCtxFree.call(context);
        }
        return length[0] == signature.length ? signature : Arrays.copyOf(signature, (int) length[0]);
    }

    /**
     * The first error queued on this thread as OpenSSL prints it ({@code error:<code>:<library>::<reason>}), then an
     * empty queue.
     */
    private LibCryptoException failure(String function) {
        long code = errGetError.call();
        String error = code == 0L ? "no OpenSSL error code" : errorText(code);
        errClearError.call();
        return new LibCryptoException(function + " failed: " + error);
    }

    private String errorText(long code) {
        byte[] text = new byte[256];
        try (PinnedObject buffer = PinnedObject.create(text)) {
            errErrorStringN.call(code, buffer.addressOfArrayElement(0).rawValue(), text.length);
        }
        int end = 0;
        while (end < text.length && text[end] != 0) {
            end++;
        }
        return new String(text, 0, end, StandardCharsets.US_ASCII);
    }
}
