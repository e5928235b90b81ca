package dev.chattoken.sidecar.support;

import io.restassured.RestAssured;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * HTTP/1.1 requests written byte for byte on a socket, for what an HTTP client library would normalize before sending:
 * a path with {@code ;}, {@code \}, dot segments or percent-encoding, a malformed header.
 */
public final class RawHttp {

    /**
     * Status code and body of an answer; {@code contentType} is empty when the header is absent, {@code status} 0 when
     * the server closed the connection without answering.
     */
    public record Answer(int status, String contentType, String body) {
        /** For assertion messages: the status and the problem type, never the body (it could hold a token). */
        public String summary() {
            java.util.regex.Matcher type =
                    java.util.regex.Pattern.compile("\"type\":\"([^\"]+)\"").matcher(body);
            return status + " " + contentType + (type.find() ? " " + type.group(1) : "") + " (" + body.length()
                    + " bytes)";
        }

        @Override
        public String toString() {
            return summary();
        }
    }

    private RawHttp() {}

    /** Sends to the token API of the sidecar under test (RestAssured's port, set by Quarkus for every test kind). */
    public static Answer send(String method, String rawPath, Map<String, String> headers, String body)
            throws IOException {
        return send(RestAssured.port, method, rawPath, headers, body);
    }

    public static Answer send(int port, String method, String rawPath, Map<String, String> headers, String body)
            throws IOException {
        return send(port, method, rawPath, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends {@code content} byte for byte: bodies that are not UTF-8 reach the server as they are. */
    public static Answer send(int port, String method, String rawPath, Map<String, String> headers, byte[] content)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder(method)
                    .append(' ')
                    .append(rawPath)
                    .append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1\r\nConnection: close\r\n");
            headers.forEach((name, value) ->
                    request.append(name).append(": ").append(value).append("\r\n"));
            boolean chunked = "chunked".equalsIgnoreCase(headers.getOrDefault("Transfer-Encoding", ""));
            if (!method.equals("GET") && !headers.containsKey("Transfer-Encoding")) {
                request.append("Content-Length: ").append(content.length).append("\r\n");
            }
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (chunked) {
                out.write((Integer.toHexString(content.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(content);
                out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            } else {
                out.write(content);
            }
            out.flush();
            return parse(socket.getInputStream());
        }
    }

    /** @return status 0 when the server closed the connection without an answer */
    private static Answer parse(InputStream in) throws IOException {
        String raw = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        if (raw.isEmpty()) {
            return new Answer(0, "", "");
        }
        int headEnd = raw.indexOf("\r\n\r\n");
        String head = headEnd < 0 ? raw : raw.substring(0, headEnd);
        String[] lines = head.split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        String contentType = "";
        for (String line : lines) {
            if (line.regionMatches(true, 0, "content-type:", 0, 13)) {
                contentType = line.substring(13).strip();
            }
        }
        return new Answer(status, contentType, headEnd < 0 ? "" : raw.substring(headEnd + 4));
    }
}
