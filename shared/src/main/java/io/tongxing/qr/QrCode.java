package io.tongxing.qr;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.EncodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.LuminanceSource;
import com.google.zxing.NotFoundException;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.WriterException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.ByteMatrix;
import com.google.zxing.qrcode.encoder.Encoder;
import io.tongxing.qr.internal.PngEncoder;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * A QR symbol for Tongxing text, at error-correction level M, with the text split into the densest
 * modes zxing can find (alphanumeric for the prefix, numeric for the digits), rendered as PNG or SVG
 * with the four-module quiet zone the standard asks for.
 *
 * <p>A symbol whose data modules happen to form a false finder pattern can mislead zxing's detector
 * (see {@link QrScanner}); so each symbol is drawn with the mask zxing's penalty rules prefer only if
 * zxing's plain reader finds it drawn at three and at five pixels a module, and otherwise with the
 * first other mask that it finds. The data and the QR version stay the same.
 */
public final class QrCode {
    private static final int QUIET_ZONE = 4;

    private final ByteMatrix matrix;
    private final int version;

    private QrCode(ByteMatrix matrix, int version) {
        this.matrix = matrix;
        this.version = version;
    }

    /** The smallest level-M QR symbol holding {@code text}. */
    public static QrCode encode(String text) {
        com.google.zxing.qrcode.encoder.QRCode preferred = encode(text, -1);
        com.google.zxing.qrcode.encoder.QRCode chosen = preferred;
        for (int mask = 0; mask < 8 && !isFound(chosen.getMatrix(), text); mask++) {
            if (mask != preferred.getMaskPattern()) {
                chosen = encode(text, mask);
            }
        }
        if (!isFound(chosen.getMatrix(), text)) {
            chosen = preferred;
        }
        return new QrCode(chosen.getMatrix(), chosen.getVersion().getVersionNumber());
    }

    private static com.google.zxing.qrcode.encoder.QRCode encode(String text, int mask) {
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.QR_COMPACT, Boolean.TRUE);
        if (mask >= 0) {
            hints.put(EncodeHintType.QR_MASK_PATTERN, mask);
        }
        try {
            return Encoder.encode(text, ErrorCorrectionLevel.M, hints);
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit a QR code: " + e.getMessage(), e);
        }
    }

    private static boolean isFound(ByteMatrix matrix, String text) {
        return isFound(matrix, text, 3) && isFound(matrix, text, 5);
    }

    /** True if zxing's plain reader finds and reads the symbol drawn without noise at {@code scale}. */
    private static boolean isFound(ByteMatrix matrix, String text, int scale) {
        int side = (matrix.getWidth() + 2 * QUIET_ZONE) * scale;
        byte[] luminance = new byte[side * side];
        Arrays.fill(luminance, (byte) 0xFF);
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                if (matrix.get(x, y) == 1) {
                    for (int dy = 0; dy < scale; dy++) {
                        int row = ((y + QUIET_ZONE) * scale + dy) * side + (x + QUIET_ZONE) * scale;
                        Arrays.fill(luminance, row, row + scale, (byte) 0);
                    }
                }
            }
        }
        LuminanceSource source = new PlanarYUVLuminanceSource(luminance, side, side, 0, 0, side, side, false);
        try {
            return text.equals(new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))).getText());
        } catch (NotFoundException | ChecksumException | FormatException e) {
            return false;
        }
    }

    /** The QR version, 1 to 40: the symbol has {@code 17 + 4 × version} modules a side. */
    public int version() {
        return version;
    }

    /** Modules a side, without the quiet zone. */
    public int size() {
        return matrix.getWidth();
    }

    public boolean isDark(int x, int y) {
        return matrix.get(x, y) == 1;
    }

    /** A PNG with {@code pixelsPerModule} pixels a module and the quiet zone. */
    public byte[] png(int pixelsPerModule) {
        if (pixelsPerModule < 1 || pixelsPerModule > 32) {
            throw new IllegalArgumentException("pixelsPerModule must be 1 to 32");
        }
        int side = (size() + 2 * QUIET_ZONE) * pixelsPerModule;
        int rowBytes = (side + 7) / 8;
        byte[] white = new byte[rowBytes];
        Arrays.fill(white, (byte) 0xFF);
        byte[][] rows = new byte[side][];
        Arrays.fill(rows, white); // the quiet zone; a module row's pixel rows share one array
        for (int y = 0; y < size(); y++) {
            byte[] row = white.clone();
            for (int x = 0; x < size(); x++) {
                if (isDark(x, y)) {
                    int left = (x + QUIET_ZONE) * pixelsPerModule;
                    for (int px = left; px < left + pixelsPerModule; px++) {
                        row[px >>> 3] &= (byte) ~(0x80 >>> (px & 7));
                    }
                }
            }
            Arrays.fill(rows, (y + QUIET_ZONE) * pixelsPerModule, (y + QUIET_ZONE + 1) * pixelsPerModule, row);
        }
        return PngEncoder.encode(side, rows);
    }

    /**
     * An SVG drawing one module per user unit, scaled by the viewer, with {@code label} as its
     * accessible name (screen readers announce it instead of reading a pattern of squares).
     */
    public String svg(String label) {
        int side = size() + 2 * QUIET_ZONE;
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < size(); y++) {
            int x = 0;
            while (x < size()) {
                if (!isDark(x, y)) {
                    x++;
                    continue;
                }
                int run = x;
                while (run < size() && isDark(run, y)) {
                    run++;
                }
                path.append('M').append(x + QUIET_ZONE).append(' ').append(y + QUIET_ZONE)
                        .append('h').append(run - x).append("v1h-").append(run - x).append('z');
                x = run;
            }
        }
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + ' ' + side
                + "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"" + escapeXml(label) + "\">"
                + "<title>" + escapeXml(label) + "</title>"
                + "<rect width=\"" + side + "\" height=\"" + side + "\" fill=\"#fff\"/>"
                + "<path fill=\"#000\" d=\"" + path + "\"/></svg>";
    }

    private static String escapeXml(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<': escaped.append("&lt;"); break;
                case '>': escaped.append("&gt;"); break;
                case '&': escaped.append("&amp;"); break;
                case '"': escaped.append("&quot;"); break;
                case '\'': escaped.append("&apos;"); break;
                default:
                    if (c >= 0x20 || c == '\t') {
                        escaped.append(c);
                    }
            }
        }
        return escaped.toString();
    }
}
