package io.tongxing.app.scanlog;

/** The local database failed: full disk, corrupt file, closed handle. Not a rejected input. */
public final class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
