package io.tongxing.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.EncodeHintType;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.tongxing.testing.CameraFrames;
import io.tongxing.testing.Credentials;
import io.tongxing.testing.TestKeys;
import io.tongxing.token.Colour;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** Real images: rendered by the library, decoded by zxing from pixels, as a camera would see them. */
class QrCodeTest {
    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");
    private final String text = QrText.encode(Presentation.of(TokenSigner.create(TestKeys.signing("beijing-2026a"))
            .sign(Credentials.healthCode(Colour.GREEN, NOW, new StatusReference(1, 2)))));

    @Test
    void thePngDecodesBackToTheSameText() throws Exception {
        QrCode code = QrCode.encode(text);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(code.png(4)));

        assertEquals((code.size() + 8) * 4, image.getWidth());
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        assertEquals(Optional.of(text), new QrScanner().scanArgb(pixels, image.getWidth(), image.getHeight()));
    }

    @Test
    void everyPixelOfThePngIsItsModulesAtEveryScale() throws Exception {
        QrCode code = QrCode.encode(text);
        for (int scale : new int[] {1, 3, 7, 8, 13}) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(code.png(scale)));
            int side = (code.size() + 8) * scale;
            assertEquals(side, image.getWidth());
            assertEquals(side, image.getHeight());
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int mx = x / scale - 4;
                    int my = y / scale - 4;
                    boolean dark = mx >= 0 && my >= 0 && mx < code.size() && my < code.size() && code.isDark(mx, my);
                    assertEquals(dark ? 0xFF000000 : 0xFFFFFFFF, image.getRGB(x, y), "pixel " + x + "," + y + " at " + scale);
                }
            }
        }
    }

    @Test
    void theSvgIsWellFormedAndNamedForScreenReaders() throws Exception {
        String svg = QrCode.encode(text).svg("健康码 <绿码> & health code");
        Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(svg)));

        assertEquals("svg", document.getDocumentElement().getTagName());
        assertEquals("img", document.getDocumentElement().getAttribute("role"));
        assertEquals("健康码 <绿码> & health code", document.getDocumentElement().getAttribute("aria-label"));
    }

    @Test
    void aNoisyCameraFrameIsReadFromItsLuminancePlane() {
        byte[] frame = CameraFrames.noisyFrame(QrCode.encode(text), 1280, 720, 6, 42);

        assertEquals(Optional.of(text), new QrScanner().scanLuminance(frame, 1280, 720));
    }

    @Test
    void aFrameWithoutACodeGivesNothing() {
        byte[] frame = CameraFrames.noise(1280, 720, 7);
        assertFalse(new QrScanner().scanLuminance(frame, 1280, 720).isPresent());
    }

    /** A real code whose preferred mask draws a false finder pattern that zxing's detector picks. */
    private static final String MISLEADING = "TX1:11540970032229225281851307481769482679555420875224434181764488521827096186753831667541636322979310520609708117019947891096340677367685601356372220958808527622180794485046330671352356623800968601648930667315541816794558512152537143677727840963413226233528614133346710924322309998805271648111207559504541597028185130748294194158001716466243140968354567516649816425815402623285149733785488323815257259974908433160018587822343502190724805319333081087421952987490308691726715213426337694675061660897143980075610464031690371743658539046071304989157";

    @Test
    void aCodeIsNeverDrawnWithAMaskThatMisleadsTheDetector() throws Exception {
        QrCode code = QrCode.encode(MISLEADING);
        for (int scale = 2; scale <= 8; scale++) {
            assertEquals(Optional.of(MISLEADING), scanPng(code.png(scale)), "at " + scale + " pixels a module");
        }
    }

    @Test
    void aCodeDrawnElsewhereWithAMisleadingMaskIsStillRead() throws Exception {
        // As another issuer's software might draw it: zxing's preferred mask, which hides a false finder.
        Map<EncodeHintType, Object> hints = new EnumMap<>(EncodeHintType.class);
        hints.put(EncodeHintType.QR_COMPACT, Boolean.TRUE);
        hints.put(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M);
        BitMatrix drawn = new QRCodeWriter().encode(MISLEADING, BarcodeFormat.QR_CODE, 69 * 4, 69 * 4, hints);
        int[] pixels = new int[drawn.getWidth() * drawn.getHeight()];
        for (int y = 0; y < drawn.getHeight(); y++) {
            for (int x = 0; x < drawn.getWidth(); x++) {
                pixels[y * drawn.getWidth() + x] = drawn.get(x, y) ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        RGBLuminanceSource source = new RGBLuminanceSource(drawn.getWidth(), drawn.getHeight(), pixels);

        assertThrows(NotFoundException.class, () -> new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(source))),
                "zxing's plain reader alone is misled");
        assertEquals(Optional.of(MISLEADING), new QrScanner().scan(source));
    }

    @Test
    void everyCodeIsReadAtEveryDrawingSize() throws Exception {
        TokenSigner signer = TokenSigner.create(TestKeys.signing("beijing-2026a"));
        for (int i = 0; i < 60; i++) {
            String text = QrText.encode(Presentation.of(signer.sign(
                    Credentials.healthCode(Colour.GREEN, NOW.plusSeconds(i), new StatusReference(1, 1000 + i)))));
            QrCode code = QrCode.encode(text);
            for (int scale : new int[] {3, 4, 6, 8}) {
                assertEquals(Optional.of(text), scanPng(code.png(scale)), "code " + i + " at " + scale);
            }
        }
    }

    private static Optional<String> scanPng(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QrScanner().scanArgb(pixels, image.getWidth(), image.getHeight());
    }

    @Test
    void theQrUsesNumericModeForTheDigits() {
        // Byte mode for this text would need version 17; numeric keeps it at 11 or below.
        assertTrue(QrCode.encode(text).version() <= 11);
    }
}
