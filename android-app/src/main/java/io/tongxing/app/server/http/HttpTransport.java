package io.tongxing.app.server.http;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP exchange with the home server: the only thing the API clients need of the network, so that
 * they stay plain Java. {@link UrlConnectionTransport} is the implementation for Android and the JVM.
 */
public interface HttpTransport {

    /**
     * Sends the request and reads the whole answer, whatever its status.
     *
     * @throws IOException if no answer arrived (no network, refused, timed out, cut off)
     */
    Response exchange(Request request) throws IOException;

    /** A request; {@code path} starts with {@code /} and is what a device proof signs. */
    record Request(String method, String path, Map<String, String> headers, byte[] body) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("a path starts with /: " + path);
            }
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        }
    }

    /** An answer; header names are lower case. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        public Response {
            headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
            Objects.requireNonNull(body, "body");
        }
    }
}
