package io.tongxing.app.server.http;

import java.io.IOException;

/**
 * The server refused a request the checkpoint device signed (disabled device, clock off by more than the
 * server tolerates, a batch it will not take). For the sync and upload seams this is "not synced this
 * time": the device keeps what it holds, and the code says why.
 */
public final class DeviceRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String code;

    public DeviceRefusedException(String code, String message) {
        super(code + ": " + message);
        this.code = code;
    }

    /** The server's stable error code, e.g. {@code DEVICE_DISABLED} or {@code DEVICE_CLOCK_SKEW}. */
    public String code() {
        return code;
    }
}
