package io.tongxing.server.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tongxing.qr.QrScanner;
import io.tongxing.server.http.Role;
import io.tongxing.server.support.Fixtures;
import io.tongxing.server.support.TestDatabase;
import io.tongxing.server.support.TestDevice;
import io.tongxing.server.support.TestServer;
import io.tongxing.server.support.TestServer.Reply;
import io.tongxing.server.support.TestServer.Resident;
import io.tongxing.token.PaperCard;
import io.tongxing.verify.OfficerHint;
import io.tongxing.verify.Outcome;
import io.tongxing.verify.Reason;
import io.tongxing.verify.Verdict;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * The paper card end to end on a real server: printed at the community desk for a walk-in
 * grandmother without a phone, the PDF rendered to an image with PDFBox's renderer, its QR decoded
 * with zxing and verified offline by a synced checkpoint device (PASS, compare the ID card); a reprint
 * by her guardian stops the old copy after a sync; her code turning red stops the new one after a
 * sync, and her turning green again restores it.
 */
@ExtendWith(VertxExtension.class)
class PaperCardEndToEndTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int DPI = 300;

  private static TestServer server;
  private static String admin;
  private static String staff;
  private static TestDevice device;

  @BeforeAll
  static void start(Vertx vertx) {
    server = TestServer.start(vertx);
    admin = server.staffToken(Role.ADMIN);
    staff = deskStaff(server, admin);
    device = TestDevice.enrolled(server, admin);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  /** A community in 朝阳区 with one desk clerk assigned to it; the clerk's token. */
  static String deskStaff(TestServer server, String admin) {
    String code = "110105" + String.format("%06d", RANDOM.nextInt(1_000_000));
    assertEquals(201, server.post("/api/v1/admin/communities", admin, new JsonObject().put("code", code).put("name", "幸福社区"))
      .status());
    String username = Fixtures.username();
    String password = "Staff-pass-" + username;
    java.util.UUID id = server.server.services().accounts().createStaffBySystem(Role.COMMUNITY_STAFF, username, "社区窗口",
      password, "test").await();
    assertEquals(200, server.put("/api/v1/admin/staff/" + id + "/community", admin,
      new JsonObject().put("communityCode", code)).status());
    return server.login(username, password).getString("accessToken");
  }

  @Test
  void aPrintedCardPassesOfflineAndFollowsItsHoldersColourAndAReprintStopsTheOldCopy() throws IOException {
    // Given a guardian registered with the app, and his grandmother, who has no phone, at the desk with him.
    Resident guardian = server.registerResident();
    String grandmotherId = Fixtures.idNumber();
    Reply linked = server.post("/api/v1/community/dependants", staff, new JsonObject().put("guardianIdNumber", guardian.idNumber())
      .put("name", "王秀英").put("idNumber", grandmotherId).put("relation", "GRANDPARENT"));
    assertEquals(201, linked.status(), linked.toString());
    assertEquals("ACTIVE", linked.json().getString("state"));
    assertEquals("DESK", linked.json().getString("consent"));
    String dependantId = linked.json().getString("id");
    String grandmother = server.post("/api/v1/community/residents/search", staff, new JsonObject().put("idNumber", grandmotherId))
      .array().getJsonObject(0).getString("residentId");

    // When the desk prints her card
    Reply printed = server.call(io.vertx.core.http.HttpMethod.POST, "/api/v1/community/residents/" + grandmother + "/paper-card",
      staff, null);
    assertEquals(201, printed.status(), printed.toString());
    assertEquals("application/pdf", printed.headers().get("Content-Type"));
    assertEquals("no-store", printed.headers().get("Cache-Control"));
    byte[] pdf = printed.body().getBytes();
    String firstCard = assertPrintableCard(pdf, "王*英", grandmotherId.substring(14));

    // Then a synced checkpoint passes it offline, and tells the officer to compare the ID card.
    device.sync();
    Verdict verdict = device.verifier().verify(firstCard);
    assertEquals(Reason.ACCEPTED, verdict.reason(), verdict.toString());
    assertTrue(verdict.credential().orElseThrow().credential() instanceof PaperCard);
    assertEquals("王*英", verdict.credential().orElseThrow().credential().maskedName());
    assertEquals(OfficerHint.COMPARE_ID_CARD, verdict.hint().orElseThrow());

    // When her guardian reprints it from the app, the old copy stops after the next sync; the new one passes.
    Reply reprinted = server.call(io.vertx.core.http.HttpMethod.POST, "/api/v1/me/dependants/" + dependantId + "/paper-card",
      server.accessToken(guardian), null);
    assertEquals(201, reprinted.status(), reprinted.toString());
    String secondCard = assertPrintableCard(reprinted.body().getBytes(), "王*英", grandmotherId.substring(14));
    assertEquals(Outcome.PASS, device.verifier().verify(firstCard).outcome(), "until the device syncs, it knows no better");
    device.sync();
    assertEquals(Reason.REVOKED, device.verifier().verify(firstCard).reason());
    assertEquals(Reason.ACCEPTED, device.verifier().verify(secondCard).reason());

    // When she is found to be a close contact (red), the same card is STOP after a sync.
    Reply flagged = server.post("/api/v1/admin/persons/" + grandmother + "/flags", admin, new JsonObject()
      .put("flag", "CLOSE_CONTACT").put("reason", "same bus as case 2026-044").put("effectiveAt", "2026-03-14T08:00:00+08:00"));
    assertEquals(201, flagged.status(), flagged.toString());
    assertEquals("RED", flagged.json().getString("colour"));
    device.sync();
    Verdict red = device.verifier().verify(secondCard);
    assertEquals(Reason.SUSPENDED, red.reason());
    assertEquals(Outcome.STOP, red.outcome());

    // And the desk sees the card suspended, the dashboard counts it, and every step is in the audit log.
    JsonObject card = server.get("/api/v1/community/paper-cards", staff).array().stream().map(JsonObject.class::cast)
      .filter(c -> c.getString("residentId").equals(grandmother) && "CURRENT".equals(c.getString("state"))).findFirst().orElseThrow();
    assertEquals("SUSPENDED", card.getString("status"));
    JsonObject dashboard = server.get("/api/v1/admin/dashboard", admin).json();
    assertTrue(dashboard.getJsonObject("paperCardsByStatus").getLong("SUSPENDED") >= 1, dashboard.encode());
    assertEquals(2, TestDatabase.count("select count(*) from audit_log where action = 'paper-card.printed' and subject_id = ?",
      grandmother));
    assertEquals(1, TestDatabase.count("select count(*) from audit_log where action = 'account.registered-without-phone' "
      + "and subject_id = ?", grandmother));
    assertEquals(0, TestDatabase.count("select count(*) from audit_log where details::text like ? or reason like ?",
      "%" + grandmotherId + "%", "%" + grandmotherId + "%"), "no ID number in the audit log");
  }

  @Test
  void aCardIsWithdrawnAtTheDesk() {
    Resident resident = server.registerResident();
    String code = server.get("/api/v1/community/paper-cards", staff).status() == 200 ? communityOf(staff) : null;
    assertEquals(200, server.put("/api/v1/me/community", server.accessToken(resident), new JsonObject().put("communityCode", code))
      .status());
    Reply printed = server.call(io.vertx.core.http.HttpMethod.POST, "/api/v1/community/residents/" + resident.accountId()
      + "/paper-card", staff, null);
    assertEquals(201, printed.status(), printed.toString());
    String qr = decodeQr(render(printed.body().getBytes()));
    String cardId = server.get("/api/v1/community/paper-cards", staff).array().stream().map(JsonObject.class::cast)
      .filter(c -> c.getString("residentId").equals(resident.accountId())).findFirst().orElseThrow().getString("id");

    Reply withdrawn = server.post("/api/v1/community/paper-cards/" + cardId + "/withdrawal", staff,
      new JsonObject().put("reason", "card lost"));

    assertEquals(200, withdrawn.status(), withdrawn.toString());
    assertEquals("WITHDRAWN", withdrawn.json().getString("state"));
    assertEquals("INVALID", withdrawn.json().getString("status"));
    device.sync();
    assertEquals(Reason.REVOKED, device.verifier().verify(qr).reason());
    Reply again = server.post("/api/v1/community/paper-cards/" + cardId + "/withdrawal", staff,
      new JsonObject().put("reason", "card lost"));
    assertEquals(409, again.status());
    assertEquals("PAPER_CARD_ENDED", again.code());
  }

  private static String communityOf(String staffToken) {
    return TestDatabase.query("select s.community_code from staff_communities s join accounts a on a.id = s.account_id "
      + "where a.display_name = '社区窗口' order by s.assigned_at desc limit 1").get(0).get("community_code").toString();
  }

  /**
   * An A6 page, black and white, with the Chinese and English words, the masked name and ID digits,
   * a subset of the CJK font embedded, and a QR at least 25 mm wide that zxing decodes: its text.
   */
  static String assertPrintableCard(byte[] pdf, String maskedName, String idLastFour) throws IOException {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertEquals(1, document.getNumberOfPages());
      PDPage page = document.getPage(0);
      assertEquals(PDRectangle.A6.getWidth(), page.getMediaBox().getWidth(), 0.5f, "A6 width");
      assertEquals(PDRectangle.A6.getHeight(), page.getMediaBox().getHeight(), 0.5f, "A6 height");
      String text = new PDFTextStripper().getText(document);
      for (String words : new String[] {"纸质健康卡", "Paper Health Card", maskedName, idLastFour, "北京市", "Beijing", "有效期", "Valid"}) {
        assertTrue(text.contains(words), "the card says " + words + ":\n" + text);
      }
      for (org.apache.pdfbox.cos.COSName name : page.getResources().getFontNames()) {
        PDFont font = page.getResources().getFont(name);
        assertTrue(font instanceof PDType0Font && font.isEmbedded(), "the CJK font is embedded");
        assertTrue(font.getName().matches("[A-Z]{6}\\+.*"), "and only a subset of it: " + font.getName());
      }
      assertTrue(pdf.length < 200_000, "a subset keeps the card small: " + pdf.length + " bytes");
    }
    BufferedImage image = render(pdf);
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        assertTrue(r == g && g == b, "black and white only, at " + x + "," + y);
      }
    }
    assertTrue(qrWidthMm(image) >= 25.0, "the QR is at least 25 mm wide: " + qrWidthMm(image));
    return decodeQr(image);
  }

  static BufferedImage render(byte[] pdf) {
    try (PDDocument document = Loader.loadPDF(pdf)) {
      return new PDFRenderer(document).renderImageWithDPI(0, DPI, ImageType.RGB);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String decodeQr(BufferedImage image) {
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    return new QrScanner().scanArgb(pixels, image.getWidth(), image.getHeight())
      .orElseThrow(() -> new AssertionError("no QR decoded from the rendered card"));
  }

  /**
   * The QR's width (without the quiet zone) from where zxing found its finder patterns: their centres
   * lie {@code size - 7} modules apart, the symbol is {@code size} modules wide.
   */
  private static double qrWidthMm(BufferedImage image) {
    int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    try {
      com.google.zxing.Result result = new com.google.zxing.qrcode.QRCodeReader().decode(new com.google.zxing.BinaryBitmap(
        new com.google.zxing.common.HybridBinarizer(new com.google.zxing.RGBLuminanceSource(image.getWidth(), image.getHeight(),
          pixels))));
      com.google.zxing.ResultPoint[] finders = result.getResultPoints();
      int size = io.tongxing.qr.QrCode.encode(result.getText()).size();
      double apart = com.google.zxing.ResultPoint.distance(finders[1], finders[2]);
      return apart * size / (size - 7) * 25.4 / DPI;
    } catch (com.google.zxing.ReaderException e) {
      throw new AssertionError("no QR found to measure", e);
    }
  }
}
