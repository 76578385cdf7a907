package io.tongxing.app.server.http;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.app.server.ServerRefusedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * JSON over an {@link HttpTransport}, with the server's error convention: a 4xx becomes a
 * {@link ServerRefusedException} carrying the error body's {@code code} and {@code message} (in the
 * phone's language, asked for with {@code Accept-Language}); a 5xx or an unreadable answer is an
 * {@link IOException}, like no answer at all: keep what you have and try again later.
 */
public final class ApiClient {
    private final HttpTransport transport;
    private final Supplier<Locale> language;

    public ApiClient(HttpTransport transport, Supplier<Locale> language) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.language = Objects.requireNonNull(language, "language");
    }

    /** Sends {@code body} (or nothing) and returns the raw answer, whatever its status. */
    public HttpTransport.Response send(String method, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Accept", "application/json");
        all.put("Accept-Language", languageTag(language.get()));
        if (body != null) {
            all.put("Content-Type", "application/json; charset=utf-8");
        }
        all.putAll(headers);
        return transport.exchange(new HttpTransport.Request(method, path, all, body));
    }

    /** An unauthenticated JSON call: the answer's object, or the refusal. */
    public Map<String, Object> call(String method, String path, Map<String, Object> body)
            throws IOException, ServerRefusedException {
        return json(send(method, path, new LinkedHashMap<String, String>(), encode(body)));
    }

    /** The JSON text of {@code body} in UTF-8, or {@code null} for no body. */
    public static byte[] encode(Map<String, Object> body) {
        return body == null ? null : JSONObjectUtils.toJSONString(body).getBytes(StandardCharsets.UTF_8);
    }

    /** The answer's JSON object if it succeeded; otherwise the refusal (4xx) or an IOException (anything else). */
    public static Map<String, Object> json(HttpTransport.Response response) throws IOException, ServerRefusedException {
        int status = response.status();
        if (status >= 200 && status < 300) {
            return response.body().length == 0 ? new LinkedHashMap<String, Object>() : parse(response);
        }
        if (status >= 400 && status < 500) {
            throw refusal(response);
        }
        throw new IOException("the server answered " + status + errorCode(response));
    }

    /** The answer's JSON array if it succeeded; otherwise the refusal (4xx) or an IOException (anything else). */
    public static List<Object> jsonArray(HttpTransport.Response response) throws IOException, ServerRefusedException {
        int status = response.status();
        if (status >= 200 && status < 300) {
            try {
                return JSONArrayUtils.parse(new String(response.body(), StandardCharsets.UTF_8));
            } catch (ParseException e) {
                throw new IOException("the server's answer is not a JSON array (HTTP " + status + ")", e);
            }
        }
        json(response); // throws the refusal or the IOException
        throw new IOException("the server answered " + status);
    }

    static ServerRefusedException refusal(HttpTransport.Response response) {
        try {
            Map<String, Object> error = parse(response);
            Object code = error.get("code");
            Object message = error.get("message");
            if (code instanceof String) {
                return new ServerRefusedException((String) code,
                        message instanceof String ? (String) message : (String) code);
            }
        } catch (IOException e) {
            // Not the server's JSON error (a proxy's page, say): fall through to the status alone.
        }
        return new ServerRefusedException("HTTP_" + response.status(), "HTTP " + response.status());
    }

    private static String errorCode(HttpTransport.Response response) {
        try {
            Object code = parse(response).get("code");
            return code instanceof String ? " " + code : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Map<String, Object> parse(HttpTransport.Response response) throws IOException {
        try {
            return JSONObjectUtils.parse(new String(response.body(), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IOException("the server's answer is not a JSON object (HTTP " + response.status() + ")", e);
        }
    }

    /** {@code zh-CN} for Chinese, {@code en} otherwise: the two languages the server speaks. */
    static String languageTag(Locale locale) {
        return "zh".equals(locale.getLanguage()) ? "zh-CN" : "en";
    }
}
