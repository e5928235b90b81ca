package dev.chattoken.sidecar.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chattoken.sidecar.config.ProfileSettings;
import dev.chattoken.sidecar.vendors.ProfileOptions;
import dev.chattoken.sidecar.vendors.TokenRules;
import dev.chattoken.sidecar.vendors.UserIdentity;
import dev.chattoken.sidecar.vendors.Vendor;
import dev.chattoken.sidecar.vendors.Vendors;
import io.quarkus.arc.Arc;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Adds the vendors' widget fields (Huggy's {@code user_hash}, Crisp's {@code signature}, ...) to the OpenAPI schema of
 * the token answer, where they sit beside {@code token}. They come from each vendor's own rules, applied to its example
 * when the document is built, so a new vendor's fields are listed without an edit here. The document is built at
 * startup, where the vendors are the application's own beans (the same in a jar and a native executable). Each vendor's
 * example request becomes an example of the token request, named after the vendor.
 */
public class AnswerFieldsFilter implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Schema answer = openAPI.getComponents().getSchemas().get("TokenResponse");
        if (answer == null) {
            return;
        }
        if (Arc.container() == null) { // not the running application: nothing to list the vendors from
            return;
        }
        Iterable<Vendor> all = Arc.container().instance(Vendors.class).get().all();
        widgetFields(all)
                .forEach((field, vendors) -> answer.addProperty(
                        field,
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("For the widget of " + String.join(", ", vendors) + " (beside token)")));
        // a declared hmac profile names its widget field in its configuration (answer-field)
        answer.additionalPropertiesSchema(OASFactory.createSchema()
                .addType(Schema.SchemaType.STRING)
                .description("The widget field a declared hmac profile names (answer-field)"));
        requestExamples(openAPI, all);
    }

    /** Each vendor's example request, as an example of the token request: what a client of that vendor sends. */
    private static void requestExamples(OpenAPI openAPI, Iterable<Vendor> vendors) {
        PathItem tokens = openAPI.getPaths() == null ? null : openAPI.getPaths().getPathItem("/v1/tokens/{profile}");
        if (tokens == null || tokens.getPOST() == null || tokens.getPOST().getRequestBody() == null) {
            return;
        }
        MediaType json = tokens.getPOST().getRequestBody().getContent().getMediaType("application/json");
        ObjectMapper mapper = new ObjectMapper();
        for (Vendor vendor : vendors) {
            try {
                json.addExample(
                        vendor.id(),
                        OASFactory.createExample()
                                .summary("a profile of vendor " + vendor.id())
                                .value(mapper.readValue(vendor.example().request(), Object.class)));
            } catch (Exception e) {
                throw new IllegalStateException("vendor " + vendor.id() + "'s example", e);
            }
        }
    }

    /** Each widget field name, and the vendors that answer it. */
    static Map<String, TreeSet<String>> widgetFields(Iterable<Vendor> vendors) {
        ObjectMapper json = new ObjectMapper();
        new StrictJson().customize(json);
        Map<String, TreeSet<String>> fields = new TreeMap<>();
        for (Vendor vendor : vendors) {
            try {
                ProfileSettings settings = new ProfileSettings(
                        vendor.id(),
                        vendor.id(),
                        Path.of("unset"),
                        Optional.empty(),
                        vendor.example().options());
                TokenRules rules = vendor.configure(new ProfileOptions(settings, vendor.id(), vendor.options()));
                UserIdentity identity = json.readValue(vendor.example().request(), TokenRequest.class)
                        .toIdentity();
                rules.widgetFields(identity, "token")
                        .keySet()
                        .forEach(field -> fields.computeIfAbsent(field, f -> new TreeSet<>())
                                .add(vendor.id()));
            } catch (Exception e) {
                throw new IllegalStateException("vendor " + vendor.id() + "'s example", e);
            }
        }
        return fields;
    }
}
