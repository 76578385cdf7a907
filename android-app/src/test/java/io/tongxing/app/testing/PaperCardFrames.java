package io.tongxing.app.testing;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.ImageType;
import org.apache.pdfbox.rendering.PDFRenderer;

/**
 * A printed paper card as a checkpoint's camera sees it: the server's PDF rendered by PDFBox in grey, the A6 page
 * filling the frame's height, on a darker desk, as one 1280×720 luminance plane.
 */
public final class PaperCardFrames {
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 720;
    /** A6 is 148 mm high: the page's height in inches. */
    private static final float PAGE_INCHES = 148f / 25.4f;
    private static final byte DESK = (byte) 90;

    private PaperCardFrames() {
    }

    /** The first page of {@code pdf}, centred in a camera frame. */
    public static byte[] frame(byte[] pdf) throws IOException {
        BufferedImage page;
        try (PDDocument document = Loader.loadPDF(pdf)) {
            page = new PDFRenderer(document).renderImageWithDPI(0, (HEIGHT - 8) / PAGE_INCHES, ImageType.GRAY);
        }
        byte[] frame = new byte[WIDTH * HEIGHT];
        java.util.Arrays.fill(frame, DESK);
        int left = (WIDTH - page.getWidth()) / 2;
        int top = (HEIGHT - page.getHeight()) / 2;
        Raster pixels = page.getRaster();
        for (int y = 0; y < page.getHeight(); y++) {
            for (int x = 0; x < page.getWidth(); x++) {
                frame[(top + y) * WIDTH + left + x] = (byte) pixels.getSample(x, y, 0);
            }
        }
        return frame;
    }
}
