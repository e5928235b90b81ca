package dev.chattoken.sidecar.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;
import org.jboss.resteasy.reactive.server.spi.ServerMessageBodyWriter;
import org.jboss.resteasy.reactive.server.spi.ServerRequestContext;

/**
 * Writes the token answer ({@link TokenResponse}) with Jackson's streaming generator, in one piece, straight into the
 * response. The REST layer's Jackson writer reads the record through reflection and writes through an output stream,
 * which a profile of the HS256 load found costly next to the framework floor's answer (docs/performance.md, "Framework
 * defaults replaced"). The record's annotations stay the contract (the OpenAPI schema is made from them);
 * TokenAnswerWriterTest holds this writer's bytes equal to what Jackson makes of them.
 */
@Provider
@Produces(MediaType.APPLICATION_JSON)
@Singleton
public class TokenAnswerWriter implements ServerMessageBodyWriter<TokenResponse> {

    private final JsonFactory json;

    public TokenAnswerWriter(ObjectMapper mapper) {
        this.json = mapper.getFactory();
    }

    /** The answer as the API sends it: the record's members in its declared order, then the widget's fields. */
    byte[] bytes(TokenResponse answer) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512)) {
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartObject();
                generator.writeStringField("token", answer.token());
                generator.writeStringField("profile", answer.profile());
                generator.writeStringField("vendor", answer.vendor());
                generator.writeFieldName("expires_at");
                if (answer.expiresAt() == null) {
                    generator.writeNull();
                } else {
                    generator.writeNumber(answer.expiresAt());
                }
                for (Map.Entry<String, String> field : answer.widget().entrySet()) {
                    generator.writeStringField(field.getKey(), field.getValue());
                }
                generator.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory", e);
        }
    }

    @Override
    public boolean isWriteable(
            Class<?> type, Type genericType, ResteasyReactiveResourceInfo target, MediaType mediaType) {
        return type == TokenResponse.class;
    }

    @Override
    public void writeResponse(TokenResponse answer, Type genericType, ServerRequestContext context) {
        context.serverResponse().end(bytes(answer));
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return type == TokenResponse.class;
    }

    @Override
    public void writeTo(
            TokenResponse answer,
            Class<?> type,
            Type genericType,
            Annotation[] annotations,
            MediaType mediaType,
            MultivaluedMap<String, Object> httpHeaders,
            OutputStream entityStream)
            throws IOException {
        entityStream.write(bytes(answer));
    }
}
