package io.tongxing.server.federation;

import io.tongxing.jose.Base64Url;
import io.tongxing.server.account.Accounts;
import io.tongxing.server.crypto.FieldCipher;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Finds this region's resident behind a notice's keyed hash. The hash is HMAC-SHA256, under the key
 * the two partners agreed, of {@code "tongxing id-number v1" 0x00 <normalized ID number>}; neither
 * side's own lookup key ever leaves it. Residents' hashes under a partner's key are computed once,
 * when a notice first needs them, and kept in {@code partner_resident_hashes}.
 */
public final class ResidentMatcher {

  private static final byte[] LABEL = "tongxing id-number v1\0".getBytes(StandardCharsets.UTF_8);
  private static final int BATCH = 2000;

  private final FieldCipher cipher;

  public ResidentMatcher(FieldCipher cipher) {
    this.cipher = cipher;
  }

  /** The keyed hash a notice carries, base64url. */
  public static String hash(byte[] agreedKey, String normalizedIdNumber) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(agreedKey, "HmacSHA256"));
      mac.update(LABEL);
      return Base64Url.encode(mac.doFinal(normalizedIdNumber.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** The resident whose ID number has this hash under the partner's key, if one lives here. */
  public Future<Optional<UUID>> find(SqlConnection tx, UUID partnerId, byte[] agreedKey, String hash) {
    byte[] wanted = Base64Url.decode(hash);
    return lookup(tx, partnerId, wanted).compose(found -> found.isPresent()
      ? Future.succeededFuture(found)
      : indexMissing(tx, partnerId, agreedKey).compose(v -> lookup(tx, partnerId, wanted)));
  }

  private Future<Optional<UUID>> lookup(SqlConnection tx, UUID partnerId, byte[] hash) {
    return tx.preparedQuery("select account_id from partner_resident_hashes where partner_id = $1 and hash = $2")
      .execute(Tuple.of(partnerId, hash))
      .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID("account_id")));
  }

  /** Hashes, batch by batch, the residents registered since the last notice from this partner. */
  private Future<Void> indexMissing(SqlConnection tx, UUID partnerId, byte[] agreedKey) {
    return tx.preparedQuery("select r.account_id, r.id_number_enc from residents r where not exists "
        + "(select 1 from partner_resident_hashes h where h.partner_id = $1 and h.account_id = r.account_id) limit " + BATCH)
      .execute(Tuple.of(partnerId))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.succeededFuture();
        }
        List<Tuple> batch = new ArrayList<>();
        for (Row row : rows) {
          UUID account = row.getUUID("account_id");
          String idNumber = cipher.decrypt(row.getBuffer("id_number_enc").getBytes(), Accounts.ID_NUMBER, account.toString());
          batch.add(Tuple.of(partnerId, Base64Url.decode(hash(agreedKey, idNumber)), account));
        }
        return tx.preparedQuery("insert into partner_resident_hashes (partner_id, hash, account_id) values ($1, $2, $3) "
            + "on conflict do nothing")
          .executeBatch(batch)
          .compose(v -> rows.size() < BATCH ? Future.succeededFuture() : indexMissing(tx, partnerId, agreedKey));
      });
  }
}
