package io.tongxing.server;

import io.tongxing.server.auth.RevokedLogins;
import io.tongxing.server.db.ChangeNotices;
import io.tongxing.server.healthcode.CodeViews;
import io.tongxing.server.healthcode.CurrentCodes;

/**
 * What a node holds in memory for all its verticles, and the connection that keeps it in step with
 * the other nodes: revoked logins, residents' current codes and the answers made of them.
 */
record NodeCaches(ChangeNotices notices, RevokedLogins revokedLogins, CurrentCodes currentCodes, CodeViews codeViews) {
}
