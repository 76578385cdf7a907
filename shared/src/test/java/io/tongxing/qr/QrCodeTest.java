package io.tongxing.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void theQrUsesNumericModeForTheDigits() {
        // Byte mode for this text would need version 17; numeric keeps it at 11 or below.
        assertTrue(QrCode.encode(text).version() <= 11);
    }
}
