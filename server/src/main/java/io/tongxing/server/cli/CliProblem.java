package io.tongxing.server.cli;

/**
 * Why {@code verify} could not give a verdict at all — nothing was scanned (a missing file, an image
 * without a QR code), the trust data cannot be had, or the command line is wrong — as a message key
 * of {@code i18n/verify} and its arguments, never a Java message. Exit status 3.
 */
final class CliProblem extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;
  private final transient Object[] args;

  CliProblem(String key, Object... args) {
    super(key, null, false, false);
    this.key = key;
    this.args = args.clone();
  }

  String text(CliText text) {
    return text.get(key, args);
  }
}
