package io.tongxing.server.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.ECKey;
import io.tongxing.jose.Base64Url;
import io.tongxing.jose.LowS;
import io.tongxing.jose.SigningKey;
import io.tongxing.server.keys.KeyPurpose;
import io.tongxing.server.support.TestServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;

/** Runs {@code verify} as an officer would, against a test server, and makes what it is shown. */
final class CommandLine {

  /** What a Java failure looks like on a terminal: none of it may ever reach an officer. */
  private static final Pattern JAVA_TALK = Pattern.compile("Exception|java\\.|javax\\.|\\bclass \\b|\\bnull\\b|\\tat |\\$");

  private CommandLine() {
  }

  record Run(int status, String output) {
  }

  static Run verify(TestServer server, String... args) {
    return verifyWithStdin(server, new byte[0], args);
  }

  static Run verifyWithStdin(TestServer server, byte[] stdin, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status = new VerifyCommand(new PrintStream(bytes, true, StandardCharsets.UTF_8), new ByteArrayInputStream(stdin),
      server.clock, Locale.SIMPLIFIED_CHINESE).execute(List.of(args));
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertFalse(JAVA_TALK.matcher(output).find(), () -> "Java's words reached the officer:\n" + output);
    return new Run(status, output);
  }

  /** A resident's fresh health code, as the check-in answers it: {@code token}, {@code qrText}, {@code status}. */
  static JsonObject healthCode(TestServer server, TestServer.Resident resident, double temperature, String symptom) {
    JsonObject checkIn = new JsonObject().put("temperature", temperature).put("symptoms", new JsonArray().add(symptom));
    return server.post("/api/v1/me/check-ins", server.accessToken(resident), checkIn).json().getJsonObject("healthCode");
  }

  /** The key the server signs tokens with now. */
  static SigningKey tokenKey(TestServer server) {
    return server.server.services().signingKeys().signer(server.server.services().pool(), KeyPurpose.TOKEN).await();
  }

  /** A compact JWS with exactly this header and payload, signed (low-S) by {@code key}. */
  static String sign(ECKey key, String header, String payload) {
    String input = b64(header) + "." + b64(payload);
    try {
      Signature signature = Signature.getInstance("SHA256withECDSA");
      signature.initSign(key.toECPrivateKey());
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      byte[] raw = ECDSA.transcodeSignatureToConcat(signature.sign(), ECDSA.getSignatureByteArrayLength(JWSAlgorithm.ES256));
      return input + "." + Base64Url.encode(LowS.of(raw));
    } catch (GeneralSecurityException | JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  static String payloadOf(String token) {
    return new String(Base64Url.decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
  }

  static String b64(String text) {
    return Base64Url.encode(text.getBytes(StandardCharsets.UTF_8));
  }
}
