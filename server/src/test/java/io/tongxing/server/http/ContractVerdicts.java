package io.tongxing.server.http;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ValidatorException;
import io.vertx.openapi.validation.impl.RequestParameterImpl;
import io.vertx.openapi.validation.impl.ValidatableRequestImpl;

import org.junit.jupiter.api.DynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Verdicts on request bodies, for the tests that hold a hand-written check ({@code x-validated-by}) to
 * the contract: "accepted", or "refused at &lt;field&gt;" as the router's validation answers.
 */
final class ContractVerdicts {

  private final RequestValidator validator;

  private ContractVerdicts(RequestValidator validator) {
    this.validator = validator;
  }

  /** The contract's own validator, as the router runs it. */
  static ContractVerdicts load(Vertx vertx) throws IOException {
    try (InputStream in = ContractVerdicts.class.getResourceAsStream("/contract/openapi.yaml")) {
      OpenAPIContract contract = Contract.load(vertx, Buffer.buffer(in.readAllBytes())).await();
      return new ContractVerdicts(RequestValidator.create(vertx, contract));
    }
  }

  /** The contract's verdict on {@code body} as the JSON body of {@code operationId}. */
  String contract(String operationId, String body) {
    ValidatableRequestImpl request = new ValidatableRequestImpl(Map.of(), Map.of(), Map.of(), Map.of(),
      new RequestParameterImpl(Buffer.buffer(body)), "application/json");
    try {
      validator.validate(request, operationId).await();
      return "accepted";
    } catch (ValidatorException e) {
      return "refused at " + ValidationProblems.from(e).details().getString("field");
    }
  }

  /** A test a case: the contract and {@code check} give {@code operationId}'s body the same verdict. */
  List<DynamicTest> agreement(String operationId, Map<String, String> cases, Consumer<Buffer> check) {
    List<DynamicTest> tests = new ArrayList<>();
    cases.forEach((name, body) -> tests.add(DynamicTest.dynamicTest(name, () ->
      assertEquals(contract(operationId, body), shape(check, body), body.length() > 300 ? body.substring(0, 300) : body))));
    return tests;
  }

  /** The verdict of a hand-written check that throws the refusal. */
  static String shape(Consumer<Buffer> check, String body) {
    try {
      check.accept(Buffer.buffer(body));
      return "accepted";
    } catch (ApiException e) {
      return "refused at " + e.details().getString("field");
    }
  }
}
