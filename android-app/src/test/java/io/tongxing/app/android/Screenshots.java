package io.tongxing.app.android;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import android.Manifest;
import android.graphics.Bitmap;
import android.content.Intent;
import io.tongxing.app.model.family.Consent;
import io.tongxing.app.model.family.Family;
import io.tongxing.app.model.family.FamilyMember;
import io.tongxing.app.model.family.FamilyMemberForm;
import io.tongxing.app.model.family.Guardian;
import io.tongxing.app.model.family.Relation;
import io.tongxing.app.testing.NoisyFrames;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.qr.Presentation;
import io.tongxing.qr.QrCode;
import io.tongxing.qr.QrScanner;
import io.tongxing.qr.QrText;
import io.tongxing.token.Colour;
import io.tongxing.verify.Outcome;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
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
        String read = qrIn(photograph(phone.phone.open(HealthCodeActivity.class).get(), "health-code"));
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
        scan(screen, QrText.encode(Presentation.of(TongzhouCheckpoint.paperCard(7))));
        photograph(screen, "verdict-paper-card");
        screen.model.onVerdictTapped();
        photograph(phone.phone.open(ScanHistoryActivity.class).get(), "scan-history");
    }

    @Test
    public void myEmployersAndTheQuestionBeforeARefusal() throws Exception {
        EmployersActivity screen = phone.phone.open(EmployersActivity.class).get();
        photograph(screen, "employers");
        android.widget.ScrollView scroll = (android.widget.ScrollView) ((android.view.ViewGroup) screen.findViewById(
                android.R.id.content)).getChildAt(0);
        scroll.scrollTo(0, scroll.getChildAt(0).getHeight());
        photograph(screen, "employers-refused");
        ViewTree.tap(screen, screen.graph.words.text(io.tongxing.app.text.Text.EMPLOYERS_REFUSE));
        android.app.AlertDialog asked = org.robolectric.shadows.ShadowAlertDialog.getLatestAlertDialog();
        ViewTree.field(asked, screen.graph.words.text(io.tongxing.app.text.Text.EMPLOYERS_REFUSE_REASON))
                .setText(language().equals("zh") ? "我从未在这家公司工作" : "I never worked there");
        ScreenshotPhone.photograph(asked.getWindow(), "employers-refuse-" + language());
    }

    /** A commuter pass's PASS: its employer by credit code, to compare with the work letter. */
    @Test
    public void aPassVerdictNamesTheEmployer() throws Exception {
        Shadows.shadowOf(phone.phone.app).grantPermissions(Manifest.permission.CAMERA);
        CheckpointActivity screen = phone.phone.open(CheckpointActivity.class).get();
        scan(screen, QrText.encode(Presentation.of(TongzhouCheckpoint.commuterPass(42, Optional.empty()))));
        assertEquals(Outcome.PASS, screen.model.state().verdict().get().outcome());
        photograph(screen, "verdict-pass-commuter");
    }

    @Test
    public void family() throws Exception {
        photograph(phone.phone.open(FamilyActivity.class).get(), "family");
    }

    /** The same screen on the mother's own phone: nobody to look after, her daughter looking after her. */
    @Test
    public void familyAsTheMember() throws Exception {
        phone.phone.graph.family.save(new Family(Collections.<FamilyMember>emptyList(), List.of(new Guardian(
                "5b1c0b8e-8f2a-4c61-9a55-1d2e3f4a5b6c", "张*", Relation.PARENT, true, Consent.PHONE_CODE,
                Optional.of(TongzhouCheckpoint.NOW.minus(Duration.ofDays(12)))), new Guardian(
                "6c2d1c9f-902b-4d72-ab66-2e3f4a5b6c7d", "张*明", Relation.PARENT, false, Consent.DESK,
                Optional.of(TongzhouCheckpoint.NOW.minus(Duration.ofDays(400))))), TongzhouCheckpoint.NOW));
        photograph(phone.phone.open(FamilyActivity.class).get(), "family-guardians");
    }

    @Test
    public void addingAFamilyMember() throws Exception {
        FamilyMemberActivity form = phone.phone.open(FamilyMemberActivity.class).get();
        form.model.set(FamilyMemberForm.Field.NAME, "王秀英");
        form.model.set(FamilyMemberForm.Field.ID_NUMBER, "110105194803050425");
        form.model.choose(Relation.PARENT);
        form.model.choose(Consent.PHONE_CODE);
        photograph(form, "family-add");
    }

    @Test
    public void theMembersCode() throws Exception {
        Intent forCode = new FamilyMemberExtras("9e8d7c6b-5a49-4382-b1a0-f9e8d7c6b5a4", "李桂芝")
                .intent(phone.phone.app, FamilyMemberActivity.class);
        FamilyMemberActivity form = phone.phone.open(FamilyMemberActivity.class, forCode).get();
        form.model.set(FamilyMemberForm.Field.CODE, "4829");
        photograph(form, "family-code");
    }

    @Test
    public void aMembersHealthCodeReadsBackAndPasses() throws Exception {
        String read = qrIn(photograph(phone.phone.open(HealthCodeActivity.class,
                ScreenshotPhone.forMother(HealthCodeActivity.class)).get(), "member-code"));
        assertEquals(Outcome.PASS, phone.phone.graph.device().verifier().get().verify(read).outcome());
    }

    @Test
    public void aMembersPasses() throws Exception {
        photograph(phone.phone.open(PassesActivity.class, ScreenshotPhone.forMother(PassesActivity.class)).get(),
                "member-passes");
    }

    @Test
    public void aMembersCheckIn() throws Exception {
        CheckInActivity screen = phone.phone.open(CheckInActivity.class, ScreenshotPhone.forMother(CheckInActivity.class))
                .get();
        screen.model.setTemperature("36.4");
        screen.model.setNoSymptoms(true);
        photograph(screen, "member-check-in");
    }

    @Test
    public void idNumberCheck() throws Exception {
        IdCheckActivity screen = phone.phone.open(IdCheckActivity.class).get();
        screen.model.setIdNumber("110105194803050425");
        photograph(screen, "id-check");
    }

    /** The region's answer comes from a stand-in serving the contract's signed answer (the journey uses a real server). */
    @Test
    public void idNumberCheckVerdicts() throws Exception {
        Shadows.shadowOf(phone.phone.app).grantPermissions(Manifest.permission.CAMERA);
        com.sun.net.httpserver.HttpServer region = IdCheckStandIn.start(ScreenshotPhone.mothersCode());
        try {
            new PhoneSettings(phone.phone.app).confirmServer("http://127.0.0.1:" + region.getAddress().getPort());
            phone.phone.newProcess();
            IdCheckActivity screen = phone.phone.open(IdCheckActivity.class).get();
            screen.model.setIdNumber("11010519491231002X");
            screen.model.submit();
            ViewTree.settle();
            assertEquals(Outcome.PASS, screen.model.state().verdict().get().outcome());
            photograph(screen, "verdict-id-pass");
        } finally {
            region.stop(0);
        }
        new PhoneSettings(phone.phone.app).confirmServer("http://127.0.0.1:9");
        phone.phone.newProcess();
        IdCheckActivity offline = phone.phone.open(IdCheckActivity.class).get();
        offline.model.setIdNumber("11010519491231002X");
        offline.model.submit();
        photograph(offline, "verdict-id-review");
    }

    /** The QR a camera would read from {@code picture}. */
    private static String qrIn(Bitmap picture) {
        int[] pixels = new int[picture.getWidth() * picture.getHeight()];
        picture.getPixels(pixels, 0, picture.getWidth(), 0, 0, picture.getWidth(), picture.getHeight());
        return new QrScanner().scanArgb(pixels, picture.getWidth(), picture.getHeight())
                .orElseThrow(() -> new AssertionError("no QR in the picture"));
    }

    private static void scan(CheckpointActivity screen, String text) {
        screen.onCameraFrame(NoisyFrames.frame(QrCode.encode(text), 1280, 720, 6, text.hashCode()), 1280, 720);
        ViewTree.settle();
    }
}
