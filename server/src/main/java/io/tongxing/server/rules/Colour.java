package io.tongxing.server.rules;

/** Health-code colours, in order of severity. */
public enum Colour {
  GREEN,
  YELLOW,
  RED;

  public boolean worseThan(Colour other) {
    return compareTo(other) > 0;
  }
}
