package io.tongxing.app.model.employer;

import java.util.Objects;

/** An enterprise as the server names it to a resident it listed: its id, registered name and credit code. */
public record Enterprise(String id, String name, String creditCode) {
    public Enterprise {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(creditCode, "creditCode");
    }
}
