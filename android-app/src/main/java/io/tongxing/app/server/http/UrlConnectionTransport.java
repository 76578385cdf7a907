package io.tongxing.app.server.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@link HttpTransport} over {@link HttpURLConnection}, which Android and the JDK both have
 * ({@code java.net.http} is missing on Android). HTTPS verification is the platform's.
 */
public final class UrlConnectionTransport implements HttpTransport {
    /** Answers are small JSON documents; a sync with every status list is the largest, well under this. */
    static final int MAX_ANSWER_BYTES = 8 * 1024 * 1024;

    private final String baseUrl;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    /** @param baseUrl the server, e.g. {@code https://tongxing.example.cn} (no trailing slash needed) */
    public UrlConnectionTransport(String baseUrl, int connectTimeoutMillis, int readTimeoutMillis) {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String trimmed = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        if (!trimmed.startsWith("https://") && !trimmed.startsWith("http://")) {
            throw new IllegalArgumentException("the server address must start with https:// or http://: " + baseUrl);
        }
        this.baseUrl = trimmed;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.readTimeoutMillis = readTimeoutMillis;
    }

    /** Ten seconds to connect, thirty to read. */
    public static UrlConnectionTransport to(String baseUrl) {
        return new UrlConnectionTransport(baseUrl, 10_000, 30_000);
    }

    @Override
    public Response exchange(Request request) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) new URL(baseUrl + request.path()).openConnection();
        try {
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setUseCaches(false);
            connection.setInstanceFollowRedirects(false);
            connection.setRequestMethod(request.method());
            for (Map.Entry<String, String> header : request.headers().entrySet()) {
                connection.setRequestProperty(header.getKey(), header.getValue());
            }
            if (request.body() != null) {
                // Buffered, not fixed-length streaming: in streaming mode the JDK hides the body of a 401.
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(request.body());
                }
            }
            int status = connection.getResponseCode();
            Map<String, String> headers = new LinkedHashMap<>();
            for (Map.Entry<String, List<String>> header : connection.getHeaderFields().entrySet()) {
                if (header.getKey() != null && !header.getValue().isEmpty()) {
                    headers.put(header.getKey().toLowerCase(Locale.ROOT), header.getValue().get(0));
                }
            }
            InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new Response(status, headers, in == null ? new byte[0] : readAll(in));
        } finally {
            connection.disconnect();
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        try (InputStream stream = in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = stream.read(buffer)) != -1) {
                out.write(buffer, 0, read);
                if (out.size() > MAX_ANSWER_BYTES) {
                    throw new IOException("the server's answer is larger than " + MAX_ANSWER_BYTES + " bytes");
                }
            }
            return out.toByteArray();
        }
    }
}
