package io.tongxing.app.server;

/** The server answered, and said no: a 4xx with its stable error code and a message for the person. */
public final class ServerRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    /** The code of a call made without a usable session: the account must log in again. */
    public static final String SESSION_EXPIRED = "SESSION_EXPIRED";

    private final String code;

    public ServerRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The stable error code of the server's JSON error body. */
    public String code() {
        return code;
    }

    /** True if the session is gone (refresh refused, or the account disabled): log in again. */
    public boolean sessionExpired() {
        return SESSION_EXPIRED.equals(code);
    }
}
