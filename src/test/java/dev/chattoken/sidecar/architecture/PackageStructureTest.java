package dev.chattoken.sidecar.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages are by responsibility and depend on each other in one direction: read from the compiled classes, so a
 * cycle fails the build where it is made, not in a review.
 */
class PackageStructureTest {

    private static final JavaClasses SIDECAR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chattoken.sidecar");

    @Test
    void packagesHaveNoCycles() {
        slices().matching("dev.chattoken.sidecar.(*)..")
                .should()
                .beFreeOfCycles()
                .check(SIDECAR);
    }

    /**
     * No static mutable state: a static field is a constant (what it refers to is the code's to keep immutable). A
     * native-image substitution's aliases name fields of the class it substitutes, as that class declares them.
     */
    @Test
    void staticFieldsAreFinal() {
        fields().that()
                .areStatic()
                .and()
                .areDeclaredInClassesThat()
                .areNotAnnotatedWith("com.oracle.svm.core.annotate.TargetClass")
                .should()
                .beFinal()
                .check(SIDECAR);
    }
}
