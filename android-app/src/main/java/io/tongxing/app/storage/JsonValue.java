package io.tongxing.app.storage;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.tongxing.app.platform.SecureStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One JSON object kept as a value of a {@link SecureStore} (encrypted at rest on the phone). */
public final class JsonValue {
    private final SecureStore store;
    private final String name;
    private final String what;

    /** @param what how an error names it ("the stored family") */
    public JsonValue(SecureStore store, String name, String what) {
        this.store = Objects.requireNonNull(store, "store");
        this.name = Objects.requireNonNull(name, "name");
        this.what = Objects.requireNonNull(what, "what");
    }

    /** The object kept, or an empty one if none is. */
    public Map<String, Object> read() throws IOException {
        Optional<byte[]> bytes = store.read(name);
        if (!bytes.isPresent()) {
            return new LinkedHashMap<>();
        }
        try {
            return JSONObjectUtils.parse(new String(bytes.get(), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IOException(what + " is not readable", e);
        }
    }

    public void write(Map<String, Object> json) throws IOException {
        store.write(name, JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8));
    }
}
