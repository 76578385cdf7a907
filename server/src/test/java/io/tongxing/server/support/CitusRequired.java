package io.tongxing.server.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In the Citus run ({@code -Dtongxing.test.citus=true}), skips every test class, with the reason,
 * where Citus is not installed: before the class starts anything, so no server is started or stopped.
 * The citus surefire execution registers it for all classes (extension autodetection,
 * META-INF/services); in the ordinary run it lets everything run.
 */
public final class CitusRequired implements ExecutionCondition {

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!TestDatabase.citus() || CitusCluster.available()) {
      return ConditionEvaluationResult.enabled("Citus is installed, or this is not the Citus run");
    }
    return ConditionEvaluationResult.disabled(CitusCluster.unavailableReason());
  }
}
