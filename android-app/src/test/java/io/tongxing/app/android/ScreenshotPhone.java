package io.tongxing.app.android;

import static io.tongxing.app.testing.TongzhouCheckpoint.NOW;

import android.app.Activity;
import android.content.Intent;
import android.graphics.Bitmap;
import android.graphics.Canvas;
import android.view.View;
import io.tongxing.app.e2e.RegionServerFixture;
import io.tongxing.app.model.employer.EmployerListing;
import io.tongxing.app.model.employer.EmployerRefusal;
import io.tongxing.app.model.employer.Employers;
import io.tongxing.app.model.employer.Enterprise;
import io.tongxing.app.model.family.Consent;
import io.tongxing.app.model.family.Family;
import io.tongxing.app.model.family.FamilyMember;
import io.tongxing.app.model.family.Guardian;
import io.tongxing.app.model.family.Relation;
import io.tongxing.app.model.resident.PassRecord;
import io.tongxing.app.model.resident.ResidentSnapshot;
import io.tongxing.app.testing.TongzhouCheckpoint;
import io.tongxing.jose.SigningKey;
import io.tongxing.token.Colour;
import io.tongxing.token.HealthCode;
import io.tongxing.token.PassModel;
import io.tongxing.token.RegionCode;
import io.tongxing.token.StatusReference;
import io.tongxing.token.TokenSigner;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.robolectric.RuntimeEnvironment;

/**
 * A phone as a resident and an officer have it on the afternoon of 2026-11-22 at Tongzhou (test data, no
 * server): a green code bound to this phone, a valid commuter pass, a suspended one and a waiting
 * application, a mother looked after (her green code and a paper card kept), a son waiting for the desk, a
 * nephew's link ended, an enterprise that newly listed the resident, one that ended its listing and one the
 * resident refused, and a checkpoint enrolled and synced ten minutes ago.
 */
final class ScreenshotPhone {
    final PhoneUnderTest phone;

    ScreenshotPhone() throws Exception {
        phone = PhoneUnderTest.offline(TongzhouCheckpoint.NOW);
        AppGraph graph = phone.graph;
        List<PassRecord> passes = Arrays.asList(
                PassRecord.issued("commute", TongzhouCheckpoint.commuterPass(42, Optional.of(graph.holderKeys.holderKey()))),
                new PassRecord("suspended", PassRecord.Status.SUSPENDED,
                        Optional.of(TongzhouCheckpoint.commuterPass(43, Optional.empty())), Optional.empty(),
                        List.of(), Optional.of(graph.words.chinese() ? "健康码非绿码，通行证暂停使用"
                                : "Health code not green: pass suspended"), Optional.empty()),
                new PassRecord("pending", PassRecord.Status.PENDING, Optional.empty(),
                        Optional.of(PassModel.WORK_COMMUTE), Arrays.asList(RegionCode.of("110112"), RegionCode.of("131082")),
                        Optional.empty(), Optional.of(TongzhouCheckpoint.NOW.minus(Duration.ofDays(1)))));
        graph.vault.save(new ResidentSnapshot(Optional.of(TongzhouCheckpoint.healthCode(Colour.GREEN, 42,
                Optional.of(graph.holderKeys.holderKey()))), passes, TongzhouCheckpoint.NOW.minus(Duration.ofMinutes(10))));
        graph.deviceKeys.newKey();
        graph.device().enroll(TongzhouCheckpoint.enrollment());
        graph.device().apply(TongzhouCheckpoint.download());
        // A resident logged in (the server is not reached: the screens show the phone's copies).
        graph.store.write("resident-session", ("{\"accountId\":\"4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f\","
                + "\"role\":\"RESIDENT\",\"accessToken\":\"a\",\"refreshToken\":\"r\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        graph.family.save(new Family(Arrays.asList(
                new FamilyMember(NEPHEW, "张浩", "1*************0019", Relation.OTHER, FamilyMember.State.ENDED,
                        Consent.DESK, NOW.minus(Duration.ofDays(40)), Optional.of(NOW.minus(Duration.ofDays(39))),
                        Optional.of(NOW.minus(Duration.ofDays(2))), Optional.empty(), Optional.empty()),
                new FamilyMember(SON, "张小明", "1*************0017", Relation.CHILD, FamilyMember.State.PENDING,
                        Consent.DESK, NOW.minus(Duration.ofDays(1)), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty()),
                new FamilyMember(MOTHER, "王秀英", "1*************0426", Relation.PARENT, FamilyMember.State.ACTIVE,
                        Consent.PHONE_CODE, NOW.minus(Duration.ofDays(12)), Optional.of(NOW.minus(Duration.ofDays(12))),
                        Optional.empty(), Optional.of(Colour.GREEN), Optional.of(new FamilyMember.PaperCardInfo("VALID",
                                NOW.minus(Duration.ofDays(10)), NOW.plus(Duration.ofDays(80)))))),
                Collections.<Guardian>emptyList(), NOW.minus(Duration.ofMinutes(10))));
        // Enterprises that listed the resident: one new, one that ended it; one the resident refused.
        graph.employers.save(new Employers(Arrays.asList(
                new EmployerListing("0b7e6f5d-4c3b-4a29-8e17-f6d5c4b3a291", new Enterprise(
                        "7d1e2f30-4a5b-4c6d-8e7f-9a0b1c2d3e4f", "北京通达物流有限公司", LOGISTICS),
                        NOW.minus(Duration.ofHours(20)), true),
                new EmployerListing("5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c", new Enterprise(
                        "2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f", "廊坊市安泰建筑工程有限公司",
                        RegionServerFixture.creditCode("91131000MA0C7L2P8")), NOW.minus(Duration.ofDays(200)), false)),
                Collections.singletonList(new EmployerRefusal(new Enterprise("9f8e7d6c-5b4a-4392-a1b0-c9d8e7f6a5b4",
                        "三河市恒信劳务派遣有限公司", RegionServerFixture.creditCode("91131082MA0E4H6K1")),
                        NOW.minus(Duration.ofDays(20)), Optional.of("我从未在这家公司工作"))),
                NOW.minus(Duration.ofMinutes(10))));
        graph.family.saveSnapshot(MOTHER, new ResidentSnapshot(Optional.of(mothersCode()), Collections.emptyList(),
                NOW.minus(Duration.ofMinutes(10))));
    }

    /** The enterprise that newly listed the resident. */
    static final String LOGISTICS = RegionServerFixture.creditCode("91110112MA01T8XB3");

    /** The family members on this phone: the mother is looked after, a son waits for the desk, a nephew ended. */
    static final String MOTHER = "8d0c2f4e-6a1b-4c3d-9e5f-7a8b9c0d1e2f";
    static final String SON = "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b";
    static final String NEPHEW = "3a4b5c6d-7e8f-4091-a2b3-c4d5e6f7a8b9";

    /** 王*英's green code, issued by Beijing an hour ago, bound to no phone (she has a basic one). */
    static String mothersCode() {
        return TokenSigner.create(SigningKey.of(TongzhouCheckpoint.BEIJING_KEY)).sign(new HealthCode(
                TongzhouCheckpoint.BEIJING, "m7Qz3Wv1", "王*英", "0426", Colour.GREEN, NOW.minus(Duration.ofHours(1)),
                NOW.plus(Duration.ofHours(23)), new StatusReference(TongzhouCheckpoint.LIST, 44), Optional.empty()));
    }

    /** The mother as the family screen hands her to the code, passes and check-in screens. */
    static Intent forMother(Class<?> screen) {
        return new FamilyMemberExtras(MOTHER, "王秀英").intent(RuntimeEnvironment.getApplication(), screen);
    }

    /** Draws the whole window (title bar included) as the person sees it and writes {@code name}.png. */
    static Bitmap photograph(Activity screen, String name) throws IOException {
        return photograph(screen.getWindow(), name);
    }

    /** As {@link #photograph(Activity, String)}, for a window of its own (a dialog's). */
    static Bitmap photograph(android.view.Window window, String name) throws IOException {
        ViewTree.settle();
        View decor = window.getDecorView();
        Bitmap bitmap = Bitmap.createBitmap(decor.getWidth(), decor.getHeight(), Bitmap.Config.ARGB_8888);
        decor.draw(new Canvas(bitmap));
        Path dir = Paths.get(System.getProperty("tongxing.screenshots.dir", "target/screenshots"));
        Files.createDirectories(dir);
        try (OutputStream out = new FileOutputStream(dir.resolve(name + ".png").toFile())) {
            bitmap.compress(Bitmap.CompressFormat.PNG, 100, out);
        }
        return bitmap;
    }
}
