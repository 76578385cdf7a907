package io.tongxing.app.server;

import io.tongxing.token.HolderKey;
import java.io.IOException;

/** The resident API: register this phone's holder key at login, and fetch codes and passes. */
public interface ResidentSource {

    /** Registers the phone's holder key, so that new tokens carry it in their {@code h} claim. */
    void registerHolderKey(HolderKey key) throws IOException, ServerRefusedException;

    ResidentDownload fetchCredentials() throws IOException, ServerRefusedException;
}
