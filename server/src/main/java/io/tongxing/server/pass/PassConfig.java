package io.tongxing.server.pass;

import io.tongxing.server.config.ServerConfig;
import io.tongxing.token.RegionCode;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The pass workflow's settings: section {@code passes} of the configuration, with the longest pass
 * validity from {@code tokens.maxPassValidityDays} (a retired signing key stays published that long,
 * so no pass may outlive it).
 *
 * @param zone the region's time zone: "today" of the temperature card
 * @param temperatureCardDays consecutive days of normal check-ins that make a complete temperature card
 * @param proofValidity how long letters, commitments and permits last unless their issuer says otherwise
 * @param maxProofValidity the longest an issuer may make one last
 * @param expirySweepIntervalSeconds how often expired passes are marked so (0: never)
 * @param importMaxRows the most data rows one employee file may have
 * @param importBatchRows rows checked and written per round trip while a file streams in
 * @param importMaxLineBytes the longest line of an employee file
 */
public record PassConfig(RegionCode region, ZoneId zone, Duration maxPassValidity, int temperatureCardDays, Duration proofValidity,
                         Duration maxProofValidity, long expirySweepIntervalSeconds, int importMaxRows,
                         int importBatchRows, int importMaxLineBytes) {

  public static PassConfig from(ServerConfig config) {
    JsonObject passes = config.json().getJsonObject("passes", new JsonObject());
    JsonObject imports = passes.getJsonObject("import", new JsonObject());
    PassConfig read = new PassConfig(RegionCode.of(config.regionCode()), config.zone(), config.maxPassValidity(),
      passes.getInteger("temperatureCardDays", 14),
      Duration.ofDays(passes.getInteger("proofValidityDays", 90)),
      Duration.ofDays(passes.getInteger("maxProofValidityDays", 366)),
      passes.getLong("expirySweepIntervalSeconds", 3600L),
      imports.getInteger("maxRows", 1_000_000),
      imports.getInteger("batchRows", 1000),
      imports.getInteger("maxLineBytes", 1024));
    read.check();
    return read;
  }

  private void check() {
    if (maxPassValidity.isNegative() || maxPassValidity.isZero() || maxPassValidity.toDays() > 366) {
      throw new IllegalStateException("tokens.maxPassValidityDays must be 1 to 366");
    }
    if (temperatureCardDays < 1 || temperatureCardDays > 60) {
      throw new IllegalStateException("passes.temperatureCardDays must be 1 to 60");
    }
    if (proofValidity.isNegative() || proofValidity.isZero() || proofValidity.compareTo(maxProofValidity) > 0) {
      throw new IllegalStateException("passes.proofValidityDays must be positive and at most passes.maxProofValidityDays");
    }
    if (importMaxRows < 1 || importBatchRows < 1 || importBatchRows > 10_000 || importMaxLineBytes < 64) {
      throw new IllegalStateException("passes.import: maxRows ≥ 1, batchRows 1 to 10000, maxLineBytes ≥ 64");
    }
  }
}
