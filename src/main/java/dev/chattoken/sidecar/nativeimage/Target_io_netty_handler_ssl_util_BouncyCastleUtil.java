package dev.chattoken.sidecar.nativeimage;

import com.oracle.svm.core.annotate.Alias;
import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * Native image only, read by the native-image builder. Netty's TLS code looks for BouncyCastle's JCA provider with
 * {@code Class.forName("org.bouncycastle.jce.provider.BouncyCastleProvider").getConstructor().newInstance()}; the
 * builder folds that into a reflective constructor, and since BouncyCastle is on the class path (bcpkix, for PEM files
 * and certificates), the whole provider came in with every algorithm it registers, post-quantum ones included: code
 * nobody calls (the build's reachability trace, README "Executable size"). The sidecar serves no TLS and signs through
 * the JDK and libcrypto, so to Netty BouncyCastle is simply not there.
 */
@TargetClass(className = "io.netty.handler.ssl.util.BouncyCastleUtil")
final class Target_io_netty_handler_ssl_util_BouncyCastleUtil {

    @Alias
    private static volatile Throwable unavailabilityCauseBcProv;

    @Alias
    private static volatile Throwable unavailabilityCauseBcPkix;

    @Alias
    private static volatile Throwable unavailabilityCauseBcTls;

    @Alias
    private static volatile boolean attemptedLoading;

    @Substitute
    private static void tryLoading() {
        UnsupportedOperationException cause = new UnsupportedOperationException(
                "chat-token-sidecar serves no TLS: BouncyCastle is not offered to Netty");
        unavailabilityCauseBcProv = cause;
        unavailabilityCauseBcPkix = cause;
        unavailabilityCauseBcTls = cause;
        attemptedLoading = true;
    }
}
