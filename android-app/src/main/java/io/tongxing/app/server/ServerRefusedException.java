package io.tongxing.app.server;

/** The server answered, and said no: a 4xx with its stable error code and a message for the person. */
public final class ServerRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    public ServerRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /** The stable error code of the server's JSON error body. */
    public String code() {
        return code;
    }
}
