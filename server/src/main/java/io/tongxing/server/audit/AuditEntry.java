package io.tongxing.server.audit;

import io.tongxing.server.http.Principal;
import io.vertx.core.json.JsonObject;

import java.util.UUID;

/**
 * One line of the audit log: who (account and role, or the system), what (action and subject),
 * why (reason) and a few details. Never carries identity or phone numbers.
 */
public record AuditEntry(UUID actorId, String actorRole, String action, String subjectType, String subjectId,
                         String reason, JsonObject details) {

  public static final String SYSTEM = "SYSTEM";

  public static AuditEntry by(Principal actor, String action, String subjectType, String subjectId, String reason,
                              JsonObject details) {
    return new AuditEntry(actor.accountId(), actor.role().name(), action, subjectType, subjectId, reason, details);
  }

  public static AuditEntry bySystem(String action, String subjectType, String subjectId, String reason,
                                    JsonObject details) {
    return new AuditEntry(null, SYSTEM, action, subjectType, subjectId, reason, details);
  }
}
