package io.tongxing.app.server.http;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.app.platform.SecureStore;
import io.tongxing.app.server.AccountLogin;
import io.tongxing.app.server.ResidentRegistration;
import io.tongxing.app.server.ServerRefusedException;
import io.tongxing.app.text.Localizer;
import io.tongxing.app.text.Text;
import io.tongxing.jose.JsonFields;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A logged-in account (resident or officer): the access token and the rotating refresh token, kept in the
 * {@link SecureStore} so a restart stays logged in. A call answered 401 is retried once after a refresh;
 * when the refresh itself is refused the tokens are forgotten, and the call fails with
 * {@value #SESSION_EXPIRED}: the app is logged out and asks for the password again.
 */
public final class AccountSession implements AccountLogin, ResidentRegistration {
    /** The refusal code of a call made without a usable session. */
    public static final String SESSION_EXPIRED = ServerRefusedException.SESSION_EXPIRED;

    private final ApiClient api;
    private final SecureStore store;
    private final String storeName;
    private final Localizer words;
    private Optional<Tokens> tokens = Optional.empty();
    private boolean loaded;

    /** @param storeName the {@link SecureStore} value holding this account's tokens */
    public AccountSession(ApiClient api, SecureStore store, String storeName, Localizer words) {
        this.api = Objects.requireNonNull(api, "api");
        this.store = Objects.requireNonNull(store, "store");
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.words = Objects.requireNonNull(words, "words");
    }

    /** The tokens of a login: who, as what, and the two tokens. */
    record Tokens(String accountId, String role, String accessToken, String refreshToken) {
    }

    /** Headers made anew for every attempt (a device proof must be fresh each time). */
    @FunctionalInterface
    public interface Headers {
        Map<String, String> make() throws IOException;
    }

    // ---- logging in and out ----

    /** Asks for the SMS code a resident registers with. */
    @Override
    public void requestRegistrationCode(String phone) throws IOException, ServerRefusedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("phone", phone);
        body.put("purpose", "REGISTER");
        api.call("POST", "/api/v1/auth/one-time-codes", body);
    }

    /** Registers a resident account and logs it in. */
    @Override
    public synchronized void registerResident(String name, String idNumber, String phone, String password, String code)
            throws IOException, ServerRefusedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("idNumber", idNumber);
        body.put("phone", phone);
        body.put("password", password);
        body.put("code", code);
        api.call("POST", "/api/v1/residents", body);
        login(phone, password);
    }

    /** Logs in with a phone (residents), a user name (officers) or a credit code, and keeps the tokens. */
    @Override
    public synchronized void login(String login, String password) throws IOException, ServerRefusedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("login", login);
        body.put("password", password);
        keep(tokens(api.call("POST", "/api/v1/auth/login", body)));
    }

    /** Forgets the tokens; tells the server to revoke them if it can be reached (it need not be). */
    @Override
    public synchronized void logout() throws IOException {
        Optional<Tokens> held = held();
        forget();
        if (held.isPresent()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("refreshToken", held.get().refreshToken());
            try {
                api.call("POST", "/api/v1/auth/logout", body);
            } catch (IOException | ServerRefusedException e) {
                // Logged out here either way; the refresh token expires on its own.
            }
        }
    }

    @Override
    public synchronized boolean loggedIn() throws IOException {
        return held().isPresent();
    }

    /** The logged-in account's id (a resident's person id). */
    public synchronized Optional<String> accountId() throws IOException {
        return held().map(Tokens::accountId);
    }

    /** The logged-in account's role ({@code RESIDENT}, {@code OFFICER}, …). */
    public synchronized Optional<String> role() throws IOException {
        return held().map(Tokens::role);
    }

    // ---- calls ----

    /** A call with the access token; refreshed and retried once on 401. */
    public Map<String, Object> call(String method, String path, Map<String, Object> body)
            throws IOException, ServerRefusedException {
        return call(method, path, body, LinkedHashMap::new);
    }

    /** As {@link #call(String, String, Map)}, with extra headers made for each attempt. */
    public Map<String, Object> call(String method, String path, Map<String, Object> body, Headers extra)
            throws IOException, ServerRefusedException {
        return callWithBytes(method, path, ApiClient.encode(body), extra);
    }

    /** As {@link #call(String, String, Map, Headers)}, with the body's exact bytes (which a proof may sign). */
    public Map<String, Object> callWithBytes(String method, String path, byte[] bytes, Headers extra)
            throws IOException, ServerRefusedException {
        return ApiClient.json(exchange(method, path, bytes, extra));
    }

    /** A bodiless call whose answer is a JSON array (the resident's passes, say): its elements. */
    public List<Object> list(String method, String path) throws IOException, ServerRefusedException {
        return ApiClient.jsonArray(exchange(method, path, null, LinkedHashMap::new));
    }

    /**
     * A call whose answer is a document, not JSON (a paper card's PDF): its bytes when it succeeded, else the
     * refusal (4xx) or an IOException, as for JSON calls.
     */
    public byte[] document(String method, String path, String mediaType) throws IOException, ServerRefusedException {
        HttpTransport.Response response = exchange(method, path, null,
                () -> Collections.singletonMap("Accept", mediaType));
        if (response.status() >= 200 && response.status() < 300) {
            return response.body();
        }
        ApiClient.json(response); // throws the refusal or the IOException
        throw new IOException("the server answered " + response.status());
    }

    private HttpTransport.Response exchange(String method, String path, byte[] bytes, Headers extra)
            throws IOException, ServerRefusedException {
        String access = accessToken();
        HttpTransport.Response response = api.send(method, path, bearer(access, extra.make()), bytes);
        if (response.status() == 401) {
            refreshAfter(access);
            response = api.send(method, path, bearer(accessToken(), extra.make()), bytes);
            if (response.status() == 401) {
                // A fresh token refused: the account is gone or disabled; log out rather than loop.
                forget();
                throw expired();
            }
        }
        return response;
    }

    private synchronized String accessToken() throws IOException, ServerRefusedException {
        Optional<Tokens> held = held();
        if (!held.isPresent()) {
            throw expired();
        }
        return held.get().accessToken();
    }

    /** Spends the refresh token once, unless another call already refreshed since {@code failed} was used. */
    private synchronized void refreshAfter(String failed) throws IOException, ServerRefusedException {
        Optional<Tokens> held = held();
        if (!held.isPresent()) {
            throw expired();
        }
        if (!held.get().accessToken().equals(failed)) {
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("refreshToken", held.get().refreshToken());
        try {
            keep(tokens(api.call("POST", "/api/v1/auth/refresh", body)));
        } catch (ServerRefusedException e) {
            forget();
            throw expired();
        }
    }

    private static Map<String, String> bearer(String access, Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("Authorization", "Bearer " + access);
        return headers;
    }

    private ServerRefusedException expired() {
        return new ServerRefusedException(SESSION_EXPIRED, words.text(Text.SESSION_EXPIRED));
    }

    // ---- keeping the tokens ----

    private static Tokens tokens(Map<String, Object> json) throws IOException {
        try {
            return new Tokens(JsonFields.string(json, "accountId"), JsonFields.string(json, "role"),
                    JsonFields.string(json, "accessToken"), JsonFields.string(json, "refreshToken"));
        } catch (IllegalArgumentException e) {
            throw new IOException("the server's tokens are incomplete: " + e.getMessage(), e);
        }
    }

    private Optional<Tokens> held() throws IOException {
        if (!loaded) {
            Optional<byte[]> stored = store.read(storeName);
            if (stored.isPresent()) {
                try {
                    tokens = Optional.of(tokens(JSONObjectUtils.parse(new String(stored.get(), StandardCharsets.UTF_8))));
                } catch (ParseException e) {
                    throw new IOException("the stored session is not readable", e);
                }
            }
            loaded = true;
        }
        return tokens;
    }

    private void keep(Tokens next) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("accountId", next.accountId());
        json.put("role", next.role());
        json.put("accessToken", next.accessToken());
        json.put("refreshToken", next.refreshToken());
        store.write(storeName, JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
        tokens = Optional.of(next);
        loaded = true;
    }

    /**
     * Forgets the tokens without telling the server: the phone is about to talk to another server, and the
     * tokens of this one must not be sent anywhere else.
     */
    public synchronized void forget() throws IOException {
        tokens = Optional.empty();
        loaded = true;
        store.delete(storeName);
    }
}
