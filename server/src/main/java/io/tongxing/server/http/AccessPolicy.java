package io.tongxing.server.http;

import io.vertx.core.json.JsonArray;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;

import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which roles may call which operation, read from each operation's {@code x-roles} in the contract.
 * {@code PUBLIC} means no authentication. An operation without {@code x-roles} stops the start-up.
 */
public final class AccessPolicy {

  public static final String PUBLIC = "PUBLIC";

  private final Map<String, Set<Role>> rolesByOperation = new HashMap<>();
  private final Set<String> publicOperations = new java.util.HashSet<>();

  public AccessPolicy(OpenAPIContract contract) {
    for (Operation operation : contract.operations()) {
      JsonArray declared = operation.getOpenAPIModel().getJsonArray("x-roles");
      if (declared == null || declared.isEmpty()) {
        throw new IllegalStateException("operation " + operation.getOperationId() + " declares no x-roles");
      }
      if (declared.contains(PUBLIC)) {
        if (declared.size() != 1) {
          throw new IllegalStateException("operation " + operation.getOperationId() + " mixes PUBLIC with roles");
        }
        publicOperations.add(operation.getOperationId());
        rolesByOperation.put(operation.getOperationId(), Collections.emptySet());
        continue;
      }
      EnumSet<Role> roles = EnumSet.noneOf(Role.class);
      declared.forEach(name -> roles.add(Role.valueOf(String.valueOf(name))));
      rolesByOperation.put(operation.getOperationId(), Collections.unmodifiableSet(roles));
    }
  }

  public boolean isPublic(String operationId) {
    return publicOperations.contains(operationId);
  }

  /** Operations only partner servers call: they authenticate by request signature, not bearer token. */
  public boolean isPartnerSigned(String operationId) {
    return rolesByOperation.getOrDefault(operationId, Set.of()).equals(Set.of(Role.PARTNER));
  }

  public boolean allows(String operationId, Role role) {
    return rolesByOperation.getOrDefault(operationId, Set.of()).contains(role);
  }
}
