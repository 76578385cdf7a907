package io.tongxing.server.papercard;

import io.tongxing.server.http.ApiException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The card's font: the Noto Sans SC the server carries by default, or the operator's file. */
class PaperCardPdfTest {

  private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final PrintedCard CARD = new PrintedCard(UUID.fromString("6f1c1f0e-8a52-4c3e-9a55-0d7c2f3b9e11"), "王*兰",
    "004X", "110000", "北京市", "Beijing", Instant.parse("2026-12-06T02:00:00Z"), Instant.parse("2027-03-06T02:00:00Z"),
    "TX1:12345678901234567");

  @Test
  void withNoFontConfiguredTheCardIsSetInTheNotoSansSCTheServerCarries() throws Exception {
    PaperCardPdf pdf = new PaperCardPdf(Optional.empty(), BEIJING);
    assertTrue(pdf.fontAvailable(), "no font to install: the jar carries one");

    try (PDDocument document = Loader.loadPDF(pdf.render(CARD))) {
      List<String> fonts = new ArrayList<>();
      PDPage page = document.getPage(0);
      for (var name : page.getResources().getFontNames()) {
        PDFont font = page.getResources().getFont(name);
        fonts.add(font.getName());
      }
      assertEquals(1, fonts.size(), "one font: " + fonts);
      assertTrue(fonts.get(0).matches("[A-Z]{6}\\+NotoSansSC-Regular"), "a subset of Noto Sans SC: " + fonts);
      String text = new PDFTextStripper().getText(document);
      assertTrue(text.contains("纸质健康卡"), "the Chinese title reads back as text: " + text);
      assertTrue(text.contains("王*兰"), "and the masked name: " + text);
    }
  }

  @Test
  void anOperatorsFontCollectionIsUsedInstead() throws Exception {
    Path wenQuanYi = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");
    assumeTrue(Files.isReadable(wenQuanYi), "Debian's fonts-wqy-microhei (.ci/run installs it) is not on this machine");
    PaperCardPdf pdf = new PaperCardPdf(Optional.of(wenQuanYi), BEIJING);

    try (PDDocument document = Loader.loadPDF(pdf.render(CARD))) {
      PDPage page = document.getPage(0);
      String font = page.getResources().getFont(page.getResources().getFontNames().iterator().next()).getName();
      assertTrue(font.matches("[A-Z]{6}\\+WenQuanYiMicroHei"), "the first face of the collection, subset: " + font);
      assertTrue(new PDFTextStripper().getText(document).contains("纸质健康卡"));
    }
  }

  @Test
  void aConfiguredFontThatIsNotThereIsA503NamingTheFileBeforeAnythingIsDrawn() {
    Path missing = Path.of("/nonexistent/fonts/simhei.ttf");
    PaperCardPdf pdf = new PaperCardPdf(Optional.of(missing), BEIJING);

    assertFalse(pdf.fontAvailable());
    ApiException refused = assertThrows(ApiException.class, pdf::requireFont);
    assertEquals(503, refused.status());
    assertEquals("PAPER_CARD_FONT_MISSING", refused.code());
    assertThrows(ApiException.class, () -> pdf.render(CARD));
  }
}
