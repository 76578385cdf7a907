package io.tongxing.app.model.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where the decoded square lies on the preview, and where a tap asks the camera to focus. */
class ViewfinderTest {

    @Test
    void onAPortraitPhoneTheSquareSpansTheWidthAndTheMiddleOfTheHeight() {
        // A 1080 × 1600 preview of 1280 × 720 frames: the frame's short side (720) is 9/16 of its long side.
        assertEquals(new Viewfinder(0, 350, 1080, 1250), Viewfinder.of(1080, 1600, 1280, 720));
    }

    @Test
    void onALandscapePreviewItSpansTheHeight() {
        assertEquals(new Viewfinder(350, 0, 1250, 1080), Viewfinder.of(1600, 1080, 1280, 720));
    }

    @Test
    void aTapInPortraitIsTurnedOntoTheLandscapeSensor() {
        // Tapping the top-left quarter of a portrait preview: the sensor's left (x from y) and bottom (y from 1 - x).
        FocusArea area = FocusArea.around(0.25, 0.25, true, 4000, 3000);
        assertEquals(new FocusArea(850, 2100, 300, 300), area);
    }

    @Test
    void aTapAtTheEdgeStaysOnTheSensor() {
        assertEquals(new FocusArea(0, 0, 300, 300), FocusArea.around(-0.5, 0, false, 4000, 3000));
        assertEquals(new FocusArea(3700, 2700, 300, 300), FocusArea.around(1, 1, false, 4000, 3000));
    }
}
