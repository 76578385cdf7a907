package io.tongxing.qr;

/** QR text that says it is Tongxing's but whose frame is broken. */
public final class QrTextException extends Exception {
    private static final long serialVersionUID = 1L;

    public QrTextException(String message) {
        super(message);
    }
}
