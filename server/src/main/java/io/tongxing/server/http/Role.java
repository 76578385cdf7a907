package io.tongxing.server.http;

/** Who a caller is. PARTNER and DEVICE are reserved for partner servers and checkpoint devices. */
public enum Role {
  RESIDENT,
  ENTERPRISE,
  COMMUNITY_STAFF,
  OFFICER,
  ADMIN,
  PARTNER,
  DEVICE
}
