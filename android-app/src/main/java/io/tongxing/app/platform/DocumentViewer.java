package io.tongxing.app.platform;

import java.io.IOException;

/**
 * Hands a document the app received (a family member's paper card, a PDF) to the phone's own apps, which view,
 * print or share it. The app needs no storage permission for that: on Android the file stays in the app's
 * cache and is lent through a content URI the chosen app may read once.
 */
public interface DocumentViewer {

    /**
     * Keeps {@code pdf} under {@code name} (replacing what was kept before) and offers it to the phone's apps.
     *
     * @throws IOException if the file cannot be written
     */
    void openPdf(String name, byte[] pdf) throws IOException;
}
