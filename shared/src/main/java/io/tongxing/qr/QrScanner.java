package io.tongxing.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and reads a QR code in a camera frame: frame in, text or nothing out. A frame without a
 * readable code is the normal case while the camera moves, so it is {@link Optional#empty()}, not
 * an error. One scanner per thread: zxing's reader keeps state between calls.
 *
 * <p>zxing's detector takes the three most plausible finder patterns; in about one symbol in a
 * hundred a false one in the data area wins and the read fails. When it does, the frame is read
 * again with zxing's multi-code reader, which tries the other combinations (a few milliseconds,
 * only then). This holds for codes drawn by any issuer, partners' included.
 */
public final class QrScanner {
    private final QRCodeReader reader = new QRCodeReader();
    private final QRCodeMultiReader fallback = new QRCodeMultiReader();
    private final Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);

    public QrScanner() {
        hints.put(DecodeHintType.POSSIBLE_FORMATS, Collections.singletonList(BarcodeFormat.QR_CODE));
    }

    /**
     * Reads the luminance (Y) plane of a camera frame, as Android's {@code YUV_420_888} and NV21
     * frames start with: one byte a pixel, {@code width} bytes a row. Only the centred square the
     * viewfinder shows is searched (720 × 720 of a 1280 × 720 frame), as scanners do: the officer
     * aims at the code, and half the pixels means half the time.
     */
    public Optional<String> scanLuminance(byte[] luminance, int width, int height) {
        int side = Math.min(width, height);
        return scan(new PlanarYUVLuminanceSource(luminance, width, height, (width - side) / 2, (height - side) / 2,
                side, side, false));
    }

    /** Reads packed ARGB pixels, as a decoded PNG or a screenshot gives them. */
    public Optional<String> scanArgb(int[] pixels, int width, int height) {
        return scan(new RGBLuminanceSource(width, height, pixels));
    }

    public Optional<String> scan(LuminanceSource source) {
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(source));
        try {
            return Optional.of(reader.decode(bitmap, hints).getText());
        } catch (NotFoundException | ChecksumException | FormatException e) {
            return scanAllCombinations(bitmap);
        } finally {
            reader.reset();
        }
    }

    private Optional<String> scanAllCombinations(BinaryBitmap bitmap) {
        try {
            Result[] results = fallback.decodeMultiple(bitmap, hints);
            return results.length == 0 ? Optional.<String>empty() : Optional.of(results[0].getText());
        } catch (NotFoundException e) {
            return Optional.empty();
        } finally {
            fallback.reset();
        }
    }
}
