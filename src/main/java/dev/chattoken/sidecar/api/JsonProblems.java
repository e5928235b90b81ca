package dev.chattoken.sidecar.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.chattoken.sidecar.http.Problem;
import dev.chattoken.sidecar.http.ProblemType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a request body Jackson could not read is, in the API's words, naming the field by its JSON path. Jackson's own
 * messages never reach the answer: they name its settings, classes and token types, which mean nothing to a caller. The
 * failure is told by its exception type and by where the parser stood ({@link Reading}).
 */
final class JsonProblems {

    private static final int MAX_DETAIL_LENGTH = 200;
    /** The one failure Jackson reports with no type of its own ({@code JsonReadContext}, since 2.3). */
    private static final String DUPLICATE_MESSAGE = "Duplicate field '";

    private JsonProblems() {}

    /**
     * Where the body's reading stopped.
     *
     * @param parser the parser that read the body, still positioned where it failed
     * @param bytesRead the body's bytes read so far
     * @param ended whether the whole body was read
     */
    record Reading(JsonParser parser, long bytesRead, boolean ended) {}

    /** A failure of a body read elsewhere than by {@link BodyLimit}, where the parser's position is not known. */
    static Problem of(JsonProcessingException e) {
        return valueProblem(e)
                .orElseGet(() -> Problem.of(
                        ProblemType.MALFORMED_JSON,
                        e instanceof JsonMappingException mapping ? path(mapping) : "",
                        "the body is not well-formed JSON (RFC 8259)"));
    }

    static Problem of(JsonProcessingException e, Reading reading) {
        Optional<Problem> value = valueProblem(e);
        if (value.isPresent()) {
            return value.get();
        }
        Throwable root = root(e);
        String field = e instanceof JsonMappingException mapping ? path(mapping) : "";
        if (root instanceof StreamConstraintsException) {
            // the two limits a 16 KiB body can reach; the nesting one leaves the parser one level too deep
            return reading.parser().getParsingContext().getNestingDepth() > StrictJson.MAX_NESTING_DEPTH
                    ? Problem.of(
                            ProblemType.MALFORMED_JSON,
                            field,
                            subject(field) + " nests arrays and objects deeper than " + StrictJson.MAX_NESTING_DEPTH
                                    + " levels")
                    : number(where(field, reading.parser()));
        }
        if (root instanceof JsonProcessingException parse
                && parse.getOriginalMessage() != null
                && parse.getOriginalMessage().startsWith(DUPLICATE_MESSAGE)) {
            String duplicate = truncate(path(reading.parser(), true));
            return Problem.of(
                    ProblemType.DUPLICATE_FIELD,
                    duplicate,
                    duplicate + " is given more than once: each field may appear once");
        }
        String where = where(field, reading.parser());
        long at = root instanceof JsonProcessingException parse && parse.getLocation() != null
                ? parse.getLocation().getByteOffset()
                : reading.parser().currentLocation().getByteOffset();
        if (root instanceof JsonEOFException || reading.ended() && at >= reading.bytesRead()) {
            return Problem.of(
                    ProblemType.MALFORMED_JSON,
                    where,
                    "the body ends before its JSON is complete" + (where.isEmpty() ? "" : ", inside " + where));
        }
        return Problem.of(
                ProblemType.MALFORMED_JSON,
                where,
                "the body is not well-formed JSON (RFC 8259)" + near(at) + (where.isEmpty() ? "" : ", in " + where)
                        + ": names and strings in double quotes with JSON's escapes, no comments or trailing commas, "
                        + "no NaN, Infinity or leading zeros in numbers");
    }

    /**
     * The failures that are the value's, not the text's: the body limit or UTF-8 (hit while Jackson was reading), an
     * unknown field, a wrong type.
     */
    private static Optional<Problem> valueProblem(JsonProcessingException e) {
        Throwable root = root(e);
        if (root instanceof ProblemException problem) {
            return Optional.of(problem.problem());
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return Optional.of(Problem.of(ProblemType.UNKNOWN_FIELD, field, "unknown field '" + field + "'"));
        }
        if (e instanceof MismatchedInputException mismatched && root == e) {
            return Optional.of(wrongType(mismatched));
        }
        return Optional.empty();
    }

    private static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** Something after the body's JSON value: a second value, or anything that is not white space. */
    static Problem trailing(JsonLocation at) {
        return Problem.of(
                ProblemType.MALFORMED_JSON,
                "the body goes on after its JSON object" + near(at.getByteOffset()) + ": send one JSON object");
    }

    private static Problem wrongType(MismatchedInputException e) {
        String field = path(e);
        if (field.isEmpty()) {
            return Problem.of(ProblemType.WRONG_TYPE, "the body must be a JSON object");
        }
        return Problem.of(ProblemType.WRONG_TYPE, field, field + " must be " + describe(e.getTargetType()));
    }

    /**
     * The field a syntax error is in: where the parser stood when it is deeper than the field being bound
     * ({@code claims.b[2]} rather than {@code claims}), else the field being bound.
     */
    private static String where(String bound, JsonParser parser) {
        String parsed = path(parser, false);
        boolean deeper = !bound.isEmpty()
                && (parsed.equals(bound) || parsed.startsWith(bound + ".") || parsed.startsWith(bound + "["));
        return truncate(deeper ? parsed : bound);
    }

    private static Problem number(String field) {
        return Problem.of(
                ProblemType.MALFORMED_JSON,
                field,
                subject(field) + " has a number of more than " + StrictJson.MAX_NUMBER_LENGTH + " digits");
    }

    private static String subject(String field) {
        return field.isEmpty() ? "the body" : field;
    }

    private static String near(long byteOffset) {
        return byteOffset < 0 ? "" : " near byte " + byteOffset;
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

    /**
     * Where the parser stands, in the same notation. An object's latest name is where it stands only while that name's
     * value is being read (the parser's token is the name); after the value it stays set until the next name, and is
     * then not where the parser is, unless {@code withLatestName} (a duplicate name, refused as it is read).
     */
    private static String path(JsonParser parser, boolean withLatestName) {
        StringBuilder path = new StringBuilder();
        boolean latest = withLatestName || parser.currentToken() == JsonToken.FIELD_NAME;
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                path.insert(0, "[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null && latest) {
                path.insert(0, (c.getParent() != null && c.getParent().inRoot() ? "" : ".") + c.getCurrentName());
            }
            latest = true; // an enclosing object's name is the one whose value holds the parser
        }
        return path.toString();
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

    private static String truncate(String text) {
        return text.length() <= MAX_DETAIL_LENGTH ? text : text.substring(0, MAX_DETAIL_LENGTH) + "...";
    }
}
