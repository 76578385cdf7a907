package io.tongxing.app.server;

import java.io.IOException;

/**
 * Asks a server, before the phone talks to it, for the key that signs its trust bundles, so the person can
 * compare its thumbprint with the one their region published (on its website, a poster, a letter).
 */
public interface TrustKeyLookup {

    /**
     * The RFC 7638 thumbprint of the trust key {@code serverUrl} publishes, computed here from the key itself.
     *
     * @throws IOException the server cannot be reached, or what it published is not a public P-256 key
     */
    String trustKeyThumbprint(String serverUrl) throws IOException;
}
