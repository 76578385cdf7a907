package io.tongxing.app.server;

import java.io.IOException;

/**
 * One account on the home server, a resident's or an officer's: logging in and out. The HTTP one is
 * {@code io.tongxing.app.server.http.AccountSession}, which keeps the tokens encrypted on the phone.
 */
public interface AccountLogin {

    /** Logs in with a phone number (residents) or a user name (officers) and keeps the session. */
    void login(String login, String password) throws IOException, ServerRefusedException;

    /** Forgets the session on this phone, and asks the server to end it if it can be reached. */
    void logout() throws IOException;

    /** True while this phone holds a session (it may still turn out to have expired at the server). */
    boolean loggedIn() throws IOException;
}
