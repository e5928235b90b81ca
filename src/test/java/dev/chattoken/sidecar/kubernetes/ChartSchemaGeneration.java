package dev.chattoken.sidecar.kubernetes;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Brings the charts' generated schemas (the sidecar's values.schema.json, the injector's CRD) up to date before any
 * test reads them, so that a new or changed vendor needs no edit of {@code values.schema.json} by hand: the build
 * regenerates it (commit it with the vendor). In CI the file is only checked ({@link ChartSchemaFile#CHECK_ONLY}), and
 * {@code HelmChartSchemaTest} fails on one that is not current. Registered for the JUnit launcher in
 * {@code META-INF/services}.
 */
public class ChartSchemaGeneration implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (ChartSchemaFile.CHECK_ONLY) {
            return;
        }
        if (ChartSchemaFile.update()) {
            System.out.println("[chart schema] " + ChartSchemaFile.FILE
                    + " regenerated from the vendors' declarations: " + "commit it with the vendor change");
        }
        if (InjectorCrdTest.update()) { // after the chart's schema, whose definitions it takes
            System.out.println("[chart schema] " + InjectorCrdTest.CRD + " regenerated from the vendors' declarations: "
                    + "commit it with the vendor change");
        }
    }
}
