package dev.chattoken.sidecar.nativeimage;

import com.oracle.svm.core.annotate.Substitute;
import com.oracle.svm.core.annotate.TargetClass;

/**
 * Native image only, read by the native-image builder. {@code com.sun.management.internal.OperatingSystemImpl} is
 * reachable through the metrics stack even with Micrometer's system and JVM binders off, and its native methods live in
 * {@code libmanagement_ext}, which GraalVM distributions ship but the GraalVM kit this project builds with here does
 * not: the executable would not link. The sidecar exports no operating-system meters, so these answer "unavailable"
 * (-1), as the JDK itself does where a value cannot be read.
 */
@TargetClass(className = "com.sun.management.internal.OperatingSystemImpl")
final class Target_com_sun_management_internal_OperatingSystemImpl {

    @Substitute
    private long getMaxFileDescriptorCount0() {
        return -1;
    }

    @Substitute
    private long getOpenFileDescriptorCount0() {
        return -1;
    }

    @Substitute
    private long getProcessCpuTime0() {
        return -1;
    }

    @Substitute
    private double getProcessCpuLoad0() {
        return -1;
    }

    @Substitute
    private double getCpuLoad0() {
        return -1;
    }

    @Substitute
    private double getSingleCpuLoad0(int cpu) {
        return -1;
    }

    @Substitute
    private int getHostOnlineCpuCount0() {
        return -1;
    }
}
