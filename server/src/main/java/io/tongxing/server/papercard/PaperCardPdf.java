package io.tongxing.server.papercard;

import io.tongxing.qr.QrCode;
import io.tongxing.server.http.ApiException;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.Optional;
import java.util.TimeZone;

/**
 * Lays out a paper health card on an A6 page, black on white, in Chinese with English: title, issuer,
 * masked name, last four ID characters, validity, the QR (60 mm wide, at least the 25 mm a phone
 * camera needs at arm's length) and what the holder and the officer should know. The CJK font is Noto
 * Sans SC (SIL OFL 1.1), which the jar carries, or a TrueType file (or collection) on the server's disk
 * configured as {@code paperCards.font}; only the glyphs a card uses are embedded (a subset), so a card
 * is a few tens of kilobytes.
 */
public final class PaperCardPdf {

  /** Points per millimetre. */
  private static final float MM = 72f / 25.4f;
  static final float QR_WIDTH_MM = 60f;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");

  /** The regular weight of Noto Sans SC, from com.helger.font:ph-fonts-noto-sans-sc (root pom.xml). */
  static final String BUNDLED_FONT = "fonts/ttf/NotoSansSC/NotoSansSC-Regular.ttf";

  private final Optional<Path> fontFile;
  private final ZoneId zone;

  /** {@code fontFile}: the operator's font, or empty for the one the jar carries. */
  public PaperCardPdf(Optional<Path> fontFile, ZoneId zone) {
    this.fontFile = fontFile;
    this.zone = zone;
  }

  /** The font, or a 503 saying which file is missing, before anything is changed. */
  public void requireFont() {
    if (!fontAvailable()) {
      throw new ApiException(503, "PAPER_CARD_FONT_MISSING", null, 0, fontName());
    }
  }

  public boolean fontAvailable() {
    return fontFile.map(Files::isReadable).orElseGet(() -> PaperCardPdf.class.getClassLoader().getResource(BUNDLED_FONT) != null);
  }

  /** The PDF of {@code card}. */
  public byte[] render(PrintedCard card) {
    requireFont();
    try (PDDocument document = new PDDocument(); TrueTypeFont face = face()) {
      PDType0Font cjk = PDType0Font.load(document, face, true);
      PDPage page = new PDPage(PDRectangle.A6);
      document.addPage(page);
      info(document, card);
      float width = PDRectangle.A6.getWidth();
      float height = PDRectangle.A6.getHeight();
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        float left = 8 * MM;
        float y = height - 12 * MM;
        text(content, cjk, 13, left, y, "纸质健康卡  Paper Health Card");
        y -= 6 * MM;
        text(content, cjk, 8, left, y, "签发 Issuer: " + card.issuerName() + " " + card.issuerNameEn() + " (" + card.region() + ")");
        y -= 7 * MM;
        text(content, cjk, 11, left, y, "姓名 Name: " + card.maskedName());
        y -= 5.5f * MM;
        text(content, cjk, 11, left, y, "身份证号末四位 ID last four: " + card.idLastFour());
        y -= 5.5f * MM;
        text(content, cjk, 9, left, y, "有效期 Valid: " + DAY.format(card.issuedAt().atZone(zone)) + " – "
          + DAY.format(card.expiresAt().atZone(zone)));
        float qrSide = QR_WIDTH_MM * MM;
        float qrBottom = y - 4 * MM - qrSide;
        qr(content, QrCode.encode(card.qrText()), (width - qrSide) / 2, qrBottom, qrSide);
        y = qrBottom - 6 * MM;
        text(content, cjk, 7.5f, left, y, "本卡不显示颜色：卡口核验时按状态判定，并核对身份证。");
        y -= 3.8f * MM;
        text(content, cjk, 7.5f, left, y, "The card shows no colour: the checkpoint checks its status");
        y -= 3.2f * MM;
        text(content, cjk, 7.5f, left, y, "and your ID card. Keep both together.");
        y -= 3.8f * MM;
        text(content, cjk, 7.5f, left, y, "重新打印后旧卡失效。A reprint cancels the old card.");
        text(content, cjk, 6, left, 5 * MM, "No. " + card.cardId());
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("paper card PDF", e);
    }
  }

  /**
   * The regular face of the font: a .ttf, or the first face of a .ttc (a collection). Read from memory,
   * so nothing stays open on disk; it is open until the document (and its subset) is saved.
   */
  private TrueTypeFont face() throws IOException {
    byte[] bytes = fontBytes();
    if (bytes.length >= 4 && bytes[0] == 't' && bytes[1] == 't' && bytes[2] == 'c' && bytes[3] == 'f') {
      TrueTypeFont[] first = new TrueTypeFont[1];
      new TrueTypeCollection(new ByteArrayInputStream(bytes)).processAllFonts(ttf -> {
        if (first[0] == null) {
          first[0] = ttf;
        }
      });
      if (first[0] == null) {
        throw new IOException("no font in " + fontName());
      }
      return first[0];
    }
    return new TTFParser().parse(new RandomAccessReadBuffer(bytes));
  }

  private byte[] fontBytes() throws IOException {
    if (fontFile.isPresent()) {
      return Files.readAllBytes(fontFile.get());
    }
    try (InputStream bundled = PaperCardPdf.class.getClassLoader().getResourceAsStream(BUNDLED_FONT)) {
      if (bundled == null) {
        throw new IOException("no " + BUNDLED_FONT + " on the class path");
      }
      return bundled.readAllBytes();
    }
  }

  private String fontName() {
    return fontFile.map(Path::toString).orElse(BUNDLED_FONT);
  }

  private void info(PDDocument document, PrintedCard card) {
    PDDocumentInformation info = document.getDocumentInformation();
    info.setTitle("纸质健康卡 Paper Health Card " + card.maskedName());
    info.setCreator("Tongxing 通行");
    Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    created.setTimeInMillis(card.issuedAt().toEpochMilli());
    info.setCreationDate(created);
  }

  private static void text(PDPageContentStream content, PDType0Font font, float size, float x, float y, String text)
    throws IOException {
    content.beginText();
    content.setFont(font, size);
    content.newLineAtOffset(x, y);
    content.showText(text);
    content.endText();
  }

  /** The QR as black squares on the white page (vector, sharp at any printer resolution), quiet zone included. */
  private static void qr(PDPageContentStream content, QrCode code, float x, float y, float side) throws IOException {
    int modules = code.size() + 8;
    float module = side / modules;
    content.setNonStrokingColor(0f);
    for (int row = 0; row < code.size(); row++) {
      for (int col = 0; col < code.size(); col++) {
        if (code.isDark(col, row)) {
          content.addRect(x + (col + 4) * module, y + side - (row + 5) * module, module, module);
        }
      }
    }
    content.fill();
  }
}
