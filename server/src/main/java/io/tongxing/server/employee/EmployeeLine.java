package io.tongxing.server.employee;

import io.tongxing.identity.RegionCodes;
import io.tongxing.identity.ResidentIdNumbers;
import io.tongxing.server.http.InputBounds;
import io.tongxing.server.pass.IdNumbers;
import io.tongxing.token.RegionCode;
import io.vertx.core.buffer.Buffer;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One line of an employee file ({@code name,idNumber,homeRegion}), checked on its own, before any
 * database lookup: a rejected line carries its error code and the field it concerns. {@code row} is
 * the line number in the file, the header being line 1.
 */
record EmployeeLine(int row, String name, String idNumber, String homeRegion, String code, String field) {

  static final List<String> HEADER = List.of("name", "idnumber", "homeregion");

  private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).get();
  private static final int MAX_NAME = 50;

  boolean rejected() {
    return code != null;
  }

  static EmployeeLine rejected(int row, String code, String field) {
    return new EmployeeLine(row, null, null, null, code, field);
  }

  /** The fields of a line, or empty for a blank one; a rejected line when it is not UTF-8 or not CSV. */
  static Optional<EmployeeLine> parse(int row, Buffer line, int maxBytes, LocalDate today, RegionCode region) {
    if (line.length() > maxBytes) {
      return Optional.of(rejected(row, "CSV_LINE_TOO_LONG", "row"));
    }
    String text;
    try {
      text = decode(line);
    } catch (CharacterCodingException e) {
      return Optional.of(rejected(row, "CSV_NOT_UTF8", "row"));
    }
    if (text.isBlank()) {
      return Optional.empty();
    }
    List<String> fields;
    try {
      fields = fields(text);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return Optional.of(rejected(row, "CSV_MALFORMED", "row"));
    }
    if (fields == null) {
      return Optional.of(rejected(row, "CSV_MALFORMED", "row"));
    }
    if (fields.size() != 3) {
      return Optional.of(rejected(row, "CSV_COLUMNS", "row"));
    }
    return Optional.of(check(row, fields.get(0), fields.get(1), fields.get(2), today, region));
  }

  /** Whether {@code line} is the header this format expects (a UTF-8 byte-order mark is allowed). */
  static boolean isHeader(Buffer line) {
    try {
      String text = decode(line);
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      List<String> fields = fields(text);
      return fields != null && fields.stream().map(f -> f.toLowerCase(Locale.ROOT)).toList().equals(HEADER);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      return false;
    }
  }

  private static EmployeeLine check(int row, String rawName, String rawId, String rawRegion, LocalDate today,
                                    RegionCode region) {
    // strip(), not trim(): trim() would also drop control characters such as NUL at the ends.
    String name = rawName.strip();
    if (!InputBounds.isLine(name, MAX_NAME)) {
      return rejected(row, "INVALID_NAME", "name");
    }
    Optional<String> idProblem = IdNumbers.problem(rawId, today);
    if (idProblem.isPresent()) {
      return rejected(row, idProblem.get(), "idNumber");
    }
    String homeRegion = rawRegion.trim().isEmpty() ? null : rawRegion.trim();
    if (homeRegion != null && !isPartnerRegion(homeRegion, region)) {
      return rejected(row, "INVALID_HOME_REGION", "homeRegion");
    }
    return new EmployeeLine(row, name, ResidentIdNumbers.normalize(rawId), homeRegion, null, null);
  }

  /** A region code of another region: a partner-region worker's home. */
  static boolean isPartnerRegion(String code, RegionCode region) {
    return RegionCodes.isRegion(code) && RegionCode.parse(code).map(c -> !c.overlaps(region)).orElse(false);
  }

  /** The fields of one CSV record, or null if the text holds more or fewer than one record. */
  private static List<String> fields(String text) throws IOException {
    try (CSVParser parser = CSVParser.parse(text, FORMAT)) {
      List<CSVRecord> records = parser.getRecords();
      return records.size() == 1 ? records.get(0).toList() : null;
    }
  }

  /** Strict UTF-8 (a malformed byte is an error, not a replacement character), without a trailing CR. */
  private static String decode(Buffer line) throws CharacterCodingException {
    int end = line.length();
    if (end > 0 && line.getByte(end - 1) == '\r') {
      end--;
    }
    return StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT)
      .decode(ByteBuffer.wrap(line.getBytes(0, end)))
      .toString();
  }
}
