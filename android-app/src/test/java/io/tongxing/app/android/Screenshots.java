package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import android.Manifest;
import android.graphics.Bitmap;
import io.tongxing.app.testing.NoisyFrames;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrCode;
import io.tongxing.qr.QrScanner;
import io.tongxing.qr.QrText;
import io.tongxing.token.Colour;
import io.tongxing.verify.Outcome;
import java.util.Optional;
import org.junit.Before;
import org.junit.Test;
import org.robolectric.Shadows;

/**
 * Every screen photographed at phone size with Robolectric's native graphics, into docs/android/ (see
 * docs/android.md); a subclass per language. The code screens are also read back from their pictures: the
 * QR a camera would see verifies at the checkpoint.
 */
abstract class Screenshots {
    private ScreenshotPhone phone;

    /** "en" or "zh": the files' suffix. */
    abstract String language();

    @Before
    public void aResidentsAndAnOfficersPhone() throws Exception {
        phone = new ScreenshotPhone();
    }

    private Bitmap photograph(android.app.Activity screen, String name) throws java.io.IOException {
        return ScreenshotPhone.photograph(screen, name + "-" + language());
    }

    @Test
    public void main() throws Exception {
        photograph(phone.phone.open(MainActivity.class).get(), "main");
    }

    @Test
    public void healthCodeReadsBackFromItsPictureAndPasses() throws Exception {
        Bitmap picture = photograph(phone.phone.open(HealthCodeActivity.class).get(), "health-code");
        int[] pixels = new int[picture.getWidth() * picture.getHeight()];
        picture.getPixels(pixels, 0, picture.getWidth(), 0, 0, picture.getWidth(), picture.getHeight());
        String read = new QrScanner().scanArgb(pixels, picture.getWidth(), picture.getHeight())
                .orElseThrow(() -> new AssertionError("no QR in the picture of the code screen"));
        assertEquals(Outcome.PASS, phone.phone.graph.device().verifier().get().verify(read).outcome());
        assertTrue("a live code: the QR carries this phone's proof", QrText.decode(read).holderProof().isPresent());
    }

    @Test
    public void passes() throws Exception {
        photograph(phone.phone.open(PassesActivity.class).get(), "passes");
    }

    @Test
    public void passCode() throws Exception {
        PassesActivity screen = phone.phone.open(PassesActivity.class).get();
        screen.model.showCode("commute");
        photograph(screen, "pass-code");
    }

    @Test
    public void checkIn() throws Exception {
        CheckInActivity screen = phone.phone.open(CheckInActivity.class).get();
        screen.model.setTemperature("36.6");
        screen.model.setNoSymptoms(true);
        screen.model.addVisit();
        screen.model.setVisit(0, "131082", "2026-11-20");
        photograph(screen, "check-in");
    }

    @Test
    public void account() throws Exception {
        photograph(phone.phone.open(AccountActivity.class).get(), "account");
    }

    @Test
    public void registration() throws Exception {
        RegistrationActivity screen = phone.phone.open(RegistrationActivity.class).get();
        ViewTree.type(screen, screen.graph.words.text(io.tongxing.app.text.Text.REGISTER_NAME), "张三");
        ViewTree.type(screen, screen.graph.words.text(io.tongxing.app.text.Text.REGISTER_ID_NUMBER), "11010519850612001");
        screen.model.register();
        photograph(screen, "registration");
    }

    /** The server screen asking the person to compare a trust key's thumbprint (served here over real HTTP). */
    @Test
    public void server() throws Exception {
        com.sun.net.httpserver.HttpServer region = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        byte[] published = ("{\"jwk\":" + TongzhouCheckpoint.TRUST_KEY.toPublicJWK().toJSONString() + "}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        region.createContext("/.well-known/tongxing-trust-key.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, published.length);
            exchange.getResponseBody().write(published);
            exchange.close();
        });
        region.start();
        try {
            ServerActivity screen = phone.phone.open(ServerActivity.class).get();
            ViewTree.type(screen, screen.graph.words.text(io.tongxing.app.text.Text.SERVER_ADDRESS),
                    "http://127.0.0.1:" + region.getAddress().getPort());
            screen.model.check();
            assertTrue(screen.model.state().thumbprint().isPresent());
            photograph(screen, "server");
        } finally {
            region.stop(0);
        }
    }

    @Test
    public void checkpointScanning() throws Exception {
        Shadows.shadowOf(phone.phone.app).grantPermissions(Manifest.permission.CAMERA);
        photograph(phone.phone.open(CheckpointActivity.class).get(), "checkpoint");
    }

    @Test
    public void verdicts() throws Exception {
        Shadows.shadowOf(phone.phone.app).grantPermissions(Manifest.permission.CAMERA);
        CheckpointActivity screen = phone.phone.open(CheckpointActivity.class).get();
        scan(screen, QrText.encode(Presentation.of(TongzhouCheckpoint.healthCode(Colour.GREEN, 5, Optional.empty()))));
        photograph(screen, "verdict-pass");
        screen.model.onVerdictTapped();
        scan(screen, QrText.encode(Presentation.of(TongzhouCheckpoint.healthCode(Colour.GREEN, TongzhouCheckpoint.REVOKED,
                Optional.empty()))));
        photograph(screen, "verdict-stop");
        screen.model.onVerdictTapped();
        scan(screen, QrText.encode(Presentation.of(TongzhouCheckpoint.healthCode(TongzhouCheckpoint.SHANGHAI_KEY,
                Colour.GREEN, TongzhouCheckpoint.NOW.minusSeconds(3600), 6, Optional.empty()))));
        photograph(screen, "verdict-review");
        screen.model.onVerdictTapped();
        photograph(phone.phone.open(ScanHistoryActivity.class).get(), "scan-history");
    }

    private static void scan(CheckpointActivity screen, String text) {
        screen.onCameraFrame(NoisyFrames.frame(QrCode.encode(text), 1280, 720, 6, text.hashCode()), 1280, 720);
        ViewTree.settle();
    }
}
