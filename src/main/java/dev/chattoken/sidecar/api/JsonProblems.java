package dev.chattoken.sidecar.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.chattoken.sidecar.http.Problem;
import dev.chattoken.sidecar.http.ProblemType;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** What a request body Jackson could not read is, in the API's words, naming the field by its JSON path. */
final class JsonProblems {

    private static final int MAX_DETAIL_LENGTH = 200;

    private JsonProblems() {}

    static Problem unknownField(UnrecognizedPropertyException e) {
        String field = path(e);
        return Problem.of(ProblemType.UNKNOWN_FIELD, field, "unknown field '" + field + "'");
    }

    static Problem wrongType(MismatchedInputException e) {
        String field = path(e);
        if (field.isEmpty()) {
            return e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("No content")
                    ? Problem.of(ProblemType.MISSING_BODY, "the body must be a JSON object")
                    : Problem.of(ProblemType.WRONG_TYPE, "the body must be a JSON object");
        }
        return Problem.of(ProblemType.WRONG_TYPE, field, field + " must be " + describe(e.getTargetType()));
    }

    static Problem malformed(JsonProcessingException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ProblemException problem) { // the body limit, hit while Jackson was reading
            return problem.problem();
        }
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
        if (root instanceof StreamConstraintsException) {
            return Problem.of(
                    ProblemType.MALFORMED_JSON,
                    field,
                    "the body exceeds a JSON limit (nesting depth " + StrictJson.MAX_NESTING_DEPTH + ", numbers of "
                            + StrictJson.MAX_NUMBER_LENGTH + " digits)");
        }
        String reason = root instanceof JsonProcessingException json
                ? shortMessage(json)
                : root.getClass().getSimpleName();
        return field.isEmpty()
                ? Problem.of(ProblemType.MALFORMED_JSON, "the body is not well-formed JSON: " + reason)
                : Problem.of(ProblemType.INVALID_FIELD, field, field + " cannot be read: " + reason);
    }

    /** The JSON path of a databind failure: {@code claims.a}, {@code webhook_domains[1]}. */
    static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return truncate(path.toString());
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another JSON type";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type == TokenRequest.class) {
            return "an object";
        }
        return "of another JSON type";
    }

    private static String shortMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        return truncate(message.lines().findFirst().orElse(""));
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DETAIL_LENGTH ? text : text.substring(0, MAX_DETAIL_LENGTH) + "...";
    }
}
