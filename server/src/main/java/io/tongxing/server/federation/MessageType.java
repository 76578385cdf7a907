package io.tongxing.server.federation;

/** What one region tells another through the outbox. Each is also a kind a partner scope can accept. */
public enum MessageType {
  /** A person found to be a close contact, confirmed case or secondary contact in the sending region. */
  CLOSE_CONTACT_NOTICE,
  /** A quarantine-release notice (健康观察解除告知单) issued in the sending region. */
  RELEASE_NOTICE,
  /** A major control-measure bulletin (重大防疫管控举措相互通报). */
  BULLETIN
}
