package dev.chattoken.sidecar.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.graalvm.nativeimage.PinnedObject;
import org.graalvm.nativeimage.StackValue;
import org.graalvm.nativeimage.c.function.CFunction;
import org.graalvm.nativeimage.c.function.CFunctionPointer;
import org.graalvm.nativeimage.c.function.CLibrary;
import org.graalvm.nativeimage.c.function.InvokeCFunctionPointer;
import org.graalvm.nativeimage.c.type.CCharPointer;
import org.graalvm.nativeimage.c.type.CLongPointer;
import org.graalvm.nativeimage.c.type.CTypeConversion;
import org.graalvm.word.PointerBase;
import org.graalvm.word.WordFactory;

/**
 * The system's libcrypto 3, loaded with {@code dlopen} at run time (native image only): the few EVP functions that
 * sign with an RSA key. A signature is SHA-256 of the signing input ({@code EVP_Digest}) signed by
 * {@code EVP_PKEY_sign} on an {@code EVP_PKEY_CTX} set up once (PKCS#1 v1.5 padding, SHA-256 DigestInfo) and reused
 * for every signature of its key, so that a token costs the digest and the RSA operation only (the saving over an
 * {@code EVP_DigestSignInit} per token was below what the benchmark can see: README "Benchmark"). Loaded, not linked, so that the executable still starts where libcrypto is missing and
 * falls back to the JDK's RSA. Pointers cross as {@code long}s.
 *
 * <p>Every call starts on an empty OpenSSL error queue (libcrypto may leave errors behind even when it succeeds,
 * e.g. the decoders {@code d2i_AutoPrivateKey} tried first), and a failure reads the first queued error into the
 * exception and empties the queue again: each failure reports its own error and the thread keeps none.
 */
final class LibCrypto {

    private static final String[] LIBRARY_NAMES = { "libcrypto.so.3", "libcrypto.so" };
    private static final int RTLD_NOW = 2;
    private static final int RSA_PKCS1_PADDING = 1;
    private static final int SHA256_BYTES = 32;

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

    interface TwoArgs extends CFunctionPointer {
        @InvokeCFunctionPointer
        long call(long a, long b);
    }

    interface TwoArgsInt extends CFunctionPointer {
        @InvokeCFunctionPointer
        int call(long a, long b);
    }

    interface TwoArgsIntInt extends CFunctionPointer {
        @InvokeCFunctionPointer
        int call(long a, int b);
    }

    interface OneArgInt extends CFunctionPointer {
        @InvokeCFunctionPointer
        int call(long a);
    }

    interface SixArgs extends CFunctionPointer {
        @InvokeCFunctionPointer
        int call(long a, long b, long c, long d, long e, long f);
    }

    interface FiveArgs extends CFunctionPointer {
        @InvokeCFunctionPointer
        int call(long a, long b, long c, long d, long e);
    }

    private final ThreeArgs d2iAutoPrivateKey;
    private final OneArg evpPkeyFree;
    private final TwoArgs evpPkeyCtxNew;
    private final OneArg evpPkeyCtxFree;
    private final OneArgInt evpPkeySignInit;
    private final TwoArgsIntInt evpPkeyCtxSetRsaPadding;
    private final TwoArgsInt evpPkeyCtxSetSignatureMd;
    private final FiveArgs evpPkeySign;
    private final SixArgs evpDigest;
    /** SHA-256 fetched once: {@code EVP_sha256()} would be looked up again in the provider store on every digest. */
    private final long sha256;
    private final NoArgs errGetError;
    private final ThreeArgsVoid errErrorStringN;
    private final NoArgsVoid errClearError;

    private LibCrypto(PointerBase handle) {
        d2iAutoPrivateKey = symbol(handle, "d2i_AutoPrivateKey");
        evpPkeyFree = symbol(handle, "EVP_PKEY_free");
        evpPkeyCtxNew = symbol(handle, "EVP_PKEY_CTX_new");
        evpPkeyCtxFree = symbol(handle, "EVP_PKEY_CTX_free");
        evpPkeySignInit = symbol(handle, "EVP_PKEY_sign_init");
        evpPkeyCtxSetRsaPadding = symbol(handle, "EVP_PKEY_CTX_set_rsa_padding");
        evpPkeyCtxSetSignatureMd = symbol(handle, "EVP_PKEY_CTX_set_signature_md");
        evpPkeySign = symbol(handle, "EVP_PKEY_sign");
        evpDigest = symbol(handle, "EVP_Digest");
        errGetError = symbol(handle, "ERR_get_error");
        errErrorStringN = symbol(handle, "ERR_error_string_n");
        errClearError = symbol(handle, "ERR_clear_error");
        ThreeArgs evpMdFetch = symbol(handle, "EVP_MD_fetch");
        try (CTypeConversion.CCharPointerHolder name = CTypeConversion.toCString("SHA2-256")) {
            sha256 = evpMdFetch.call(0L, name.get().rawValue(), 0L);
        }
        if (sha256 == 0L) {
            throw new IllegalStateException("libcrypto has no SHA2-256");
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
                PinnedObject cursor = PinnedObject.create(new long[] { bytes.addressOfArrayElement(0).rawValue() })) {
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

    /**
     * An RS256 signing context of {@code key}, for {@link #signSha256}: one thread at a time, reusable for any number
     * of signatures. It holds a reference of its own to the key; {@link #freeSigningContext} frees it.
     */
    long newSigningContext(long key) throws LibCryptoException {
        errClearError.call();
        long context = evpPkeyCtxNew.call(key, 0L);
        if (context == 0L) {
            throw failure("EVP_PKEY_CTX_new");
        }
        if (evpPkeySignInit.call(context) != 1) {
            throw failureFreeing(context, "EVP_PKEY_sign_init");
        }
        if (evpPkeyCtxSetRsaPadding.call(context, RSA_PKCS1_PADDING) != 1) {
            throw failureFreeing(context, "EVP_PKEY_CTX_set_rsa_padding");
        }
        if (evpPkeyCtxSetSignatureMd.call(context, sha256) != 1) {
            throw failureFreeing(context, "EVP_PKEY_CTX_set_signature_md");
        }
        return context;
    }

    /** {@link #failure}, then frees the context: after the error is read, which the free could add to. */
    private LibCryptoException failureFreeing(long context, String function) {
        LibCryptoException failure = failure(function);
        freeSigningContext(context);
        return failure;
    }

    void freeSigningContext(long context) {
        evpPkeyCtxFree.call(context);
    }

    /** RSASSA-PKCS1-v1_5 with SHA-256 of {@code data}: the RS256 signature, on a {@link #newSigningContext}. */
    byte[] signSha256(long context, byte[] data, int maxSignatureLength) throws LibCryptoException {
        byte[] signature = new byte[maxSignatureLength];
        errClearError.call();
        CCharPointer digest = StackValue.get(SHA256_BYTES);
        CLongPointer length = StackValue.get(CLongPointer.class);
        try (PinnedObject in = PinnedObject.create(data.length == 0 ? new byte[1] : data)) {
            if (evpDigest.call(in.addressOfArrayElement(0).rawValue(), data.length, digest.rawValue(), 0L, sha256, 0L) != 1) {
                throw failure("EVP_Digest");
            }
        }
        length.write(signature.length);
        try (PinnedObject out = PinnedObject.create(signature)) {
            if (evpPkeySign.call(context, out.addressOfArrayElement(0).rawValue(), length.rawValue(), digest.rawValue(),
                    SHA256_BYTES) != 1) {
                throw failure("EVP_PKEY_sign");
            }
        }
        return length.read() == signature.length ? signature : Arrays.copyOf(signature, (int) length.read());
    }

    /**
     * The first error queued on this thread as OpenSSL prints it ({@code error:<code>:<library>::<reason>}), then
     * an empty queue.
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
