package io.tongxing.app.server;

import java.io.IOException;

/** Downloads the checkpoint bundle from the home server (the checkpoint API's sync endpoint). */
public interface CheckpointSyncSource {

    CheckpointDownload fetchBundle() throws IOException;
}
