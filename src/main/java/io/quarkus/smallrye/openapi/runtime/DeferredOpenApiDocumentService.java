package io.quarkus.smallrye.openapi.runtime;

import io.quarkus.arc.Unremovable;
import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.quarkus.smallrye.openapi.runtime.filter.AutoSecurityFilter;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the OpenAPI document on its first request instead of at every start: the backport of Quarkus' own fix
 * (quarkusio/quarkus#54826, fixed by #55538, in a release after 3.34.1, the newest whose artifacts resolve here). In
 * 3.34.1 a run-time step parses the document the build generated, runs the filters and writes it out as JSON and YAML
 * at every start, whether anyone asks for it or not: a large share of the native start (README "Framework defaults
 * replaced"). No filter of this application needs the start ({@code api/AnswerFieldsFilter} reads only the vendors'
 * rules), which is the condition under which Quarkus itself defers it.
 *
 * <p>It lives in Quarkus' package because the step it defers is package-private. Delete this file when the project
 * moves to a Quarkus release with #55538. Only in what ships (the {@code prod} build: the native executable and the
 * jar): in dev and test mode Quarkus loads the application's classes and its own with different class loaders, and a
 * package-private method cannot be overridden across two of them.
 */
@Alternative
@Priority(1)
@ApplicationScoped
@IfBuildProfile("prod")
@Unremovable // looked up by type from Quarkus' recorder, which ArC cannot see as a use
public class DeferredOpenApiDocumentService extends OpenApiDocumentService {

    private final Map<String, Runnable> unprepared = new HashMap<>();

    @Override
    synchronized void prepareDocument(
            AutoSecurityFilter autoSecurityFilter,
            Map<OpenApiFilter.RunStage, List<String>> filtersByStage,
            String documentName) {
        // The class loader of the start, which Quarkus' step reads the generated document and the filters from.
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        unprepared.put(documentName, () -> {
            Thread thread = Thread.currentThread();
            ClassLoader requests = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                super.prepareDocument(autoSecurityFilter, filtersByStage, documentName);
            } finally {
                thread.setContextClassLoader(requests);
            }
        });
    }

    @Override
    public synchronized byte[] getDocument(String documentName, Format format) {
        Runnable prepare = unprepared.get(documentName);
        if (prepare != null) {
            prepare.run(); // a failure answers this request with an error, and the next one tries again
            unprepared.remove(documentName);
        }
        return super.getDocument(documentName, format);
    }
}
