package io.tongxing.server.pass;

import io.tongxing.server.account.Accounts;
import io.tongxing.server.crypto.FieldCipher;
import io.tongxing.token.HolderKey;
import io.tongxing.token.MaskedName;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.Optional;
import java.util.UUID;

/**
 * What a pass or proof shows of a resident: the registered name (masked on the token), the
 * pseudonym that is the token's {@code sub}, the last four ID characters, and the phone key tokens
 * are bound to, if one is registered. The ID number is decrypted only to take its last four.
 */
public record HolderIdentity(UUID accountId, String name, String pseudonym, String idLastFour, Optional<HolderKey> holderKey) {

  public String maskedName() {
    return MaskedName.of(name);
  }

  public static Future<HolderIdentity> load(SqlClient client, FieldCipher cipher, UUID account) {
    return client.preparedQuery("select a.display_name, r.id_number_enc, r.pseudonym, r.holder_key from accounts a "
        + "join residents r on r.account_id = a.id where a.id = $1")
      .execute(Tuple.of(account))
      .compose(rows -> {
        if (rows.size() == 0) {
          return Future.failedFuture(Refusal.notFound("PERSON_NOT_FOUND", "idNumber"));
        }
        Row row = rows.iterator().next();
        String idNumber = cipher.decrypt(row.getBuffer("id_number_enc").getBytes(), Accounts.ID_NUMBER, account.toString());
        return Future.succeededFuture(new HolderIdentity(account, row.getString("display_name"), row.getString("pseudonym"),
          idNumber.substring(idNumber.length() - 4), Optional.ofNullable(row.getString("holder_key")).map(HolderKey::decode)));
      });
  }
}
