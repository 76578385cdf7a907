package io.tongxing.server.keys;

/** What a signing key signs. */
public enum KeyPurpose {
  /** Health codes, passes and status lists: rotated often, published in JWKS and the trust bundle. */
  TOKEN,
  /** The trust bundle: longer-lived, pinned by checkpoint devices at enrollment. */
  TRUST
}
