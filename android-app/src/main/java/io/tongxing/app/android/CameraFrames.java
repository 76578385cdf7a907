package io.tongxing.app.android;

import android.content.Context;
import android.graphics.ImageFormat;
import android.graphics.SurfaceTexture;
import android.hardware.camera2.CameraAccessException;
import android.hardware.camera2.CameraCaptureSession;
import android.hardware.camera2.CameraCharacteristics;
import android.hardware.camera2.CameraDevice;
import android.hardware.camera2.CameraManager;
import android.hardware.camera2.CaptureRequest;
import android.hardware.camera2.params.MeteringRectangle;
import android.hardware.camera2.params.StreamConfigurationMap;
import android.media.Image;
import android.media.ImageReader;
import android.os.Handler;
import android.os.HandlerThread;
import android.util.Size;
import android.view.Surface;
import android.view.TextureView;
import io.tongxing.app.model.checkpoint.FocusArea;
import io.tongxing.app.model.checkpoint.ScanLoop;
import java.nio.Buffer;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Camera2 preview into a TextureView and, alongside it, YUV frames of about 1280 × 720 whose luminance
 * plane goes to the scan loop on a background thread. Frames that arrive while one is being read are
 * dropped (acquireLatestImage), so the scanner never falls behind the camera.
 */
final class CameraFrames {
    /** Where a frame's luminance plane goes (the scan loop). Called on the camera thread. */
    interface Sink {
        void onFrame(byte[] luminance, int width, int height);
    }

    private static final int WANTED_WIDTH = 1280;
    private static final int WANTED_HEIGHT = 720;

    private final Context context;
    private final TextureView preview;
    private final Sink sink;
    private HandlerThread thread;
    private Handler handler;
    private CameraDevice camera;
    private CameraCaptureSession session;
    private ImageReader reader;
    private CaptureRequest.Builder request;
    private byte[] luminance = new byte[0];
    private ScanLoop.Camera facing = ScanLoop.Camera.BACK;
    private boolean torch;
    /** The sensor's active array, once a camera is open: where focus regions are measured. */
    private Size sensor;
    private double[] lastFocus;
    /** Between start() and stop(), even while the camera is still opening. */
    private boolean started;

    CameraFrames(Context context, TextureView preview, Sink sink) {
        this.context = context;
        this.preview = preview;
        this.sink = sink;
    }

    /** Opens the camera facing {@code wanted} with the torch as asked, or re-applies them if open. */
    void apply(ScanLoop.Camera wanted, boolean torchOn) {
        if (started && wanted == facing) {
            if (torchOn != torch) {
                torch = torchOn;
                handler.post(this::repeat); // the session lives on the camera thread
            }
            return;
        }
        stop();
        facing = wanted;
        torch = torchOn;
        start();
    }

    void start() {
        started = true;
        if (thread == null) {
            thread = new HandlerThread("camera-frames");
            thread.start();
            handler = new Handler(thread.getLooper());
        }
        if (!preview.isAvailable()) {
            preview.setSurfaceTextureListener(new TextureView.SurfaceTextureListener() {
                @Override
                public void onSurfaceTextureAvailable(SurfaceTexture texture, int width, int height) {
                    open();
                }

                @Override
                public void onSurfaceTextureSizeChanged(SurfaceTexture texture, int width, int height) {
                }

                @Override
                public boolean onSurfaceTextureDestroyed(SurfaceTexture texture) {
                    return true;
                }

                @Override
                public void onSurfaceTextureUpdated(SurfaceTexture texture) {
                }
            });
            return;
        }
        open();
    }

    void stop() {
        started = false;
        if (session != null) {
            session.close();
            session = null;
        }
        if (camera != null) {
            camera.close();
            camera = null;
        }
        if (reader != null) {
            reader.close();
            reader = null;
        }
        if (thread != null) {
            thread.quitSafely();
            thread = null;
            handler = null;
        }
    }

    private void open() {
        CameraManager manager = context.getSystemService(CameraManager.class);
        try {
            String id = cameraId(manager);
            if (id == null) {
                return;
            }
            CameraCharacteristics characteristics = manager.getCameraCharacteristics(id);
            StreamConfigurationMap map = characteristics.get(CameraCharacteristics.SCALER_STREAM_CONFIGURATION_MAP);
            android.graphics.Rect active = characteristics.get(CameraCharacteristics.SENSOR_INFO_ACTIVE_ARRAY_SIZE);
            sensor = active == null ? null : new Size(active.width(), active.height());
            Size size = closest(map.getOutputSizes(ImageFormat.YUV_420_888));
            reader = ImageReader.newInstance(size.getWidth(), size.getHeight(), ImageFormat.YUV_420_888, 2);
            reader.setOnImageAvailableListener(this::read, handler);
            manager.openCamera(id, new CameraDevice.StateCallback() {
                @Override
                public void onOpened(CameraDevice device) {
                    camera = device;
                    startSession(size);
                }

                @Override
                public void onDisconnected(CameraDevice device) {
                    device.close();
                    camera = null;
                }

                @Override
                public void onError(CameraDevice device, int error) {
                    device.close();
                    camera = null;
                }
            }, handler);
        } catch (CameraAccessException | SecurityException e) {
            // No camera or no permission: the keyboard-wedge scanner still works.
        }
    }

    private void startSession(Size size) {
        try {
            SurfaceTexture texture = preview.getSurfaceTexture();
            texture.setDefaultBufferSize(size.getWidth(), size.getHeight());
            Surface previewSurface = new Surface(texture);
            request = camera.createCaptureRequest(CameraDevice.TEMPLATE_PREVIEW);
            request.addTarget(previewSurface);
            request.addTarget(reader.getSurface());
            request.set(CaptureRequest.CONTROL_AF_MODE, CaptureRequest.CONTROL_AF_MODE_CONTINUOUS_PICTURE);
            camera.createCaptureSession(Arrays.asList(previewSurface, reader.getSurface()),
                    new CameraCaptureSession.StateCallback() {
                        @Override
                        public void onConfigured(CameraCaptureSession configured) {
                            session = configured;
                            repeat();
                        }

                        @Override
                        public void onConfigureFailed(CameraCaptureSession failed) {
                            failed.close();
                        }
                    }, handler);
        } catch (CameraAccessException | IllegalStateException e) {
            stop();
        }
    }

    private void repeat() {
        if (session == null || request == null) {
            return;
        }
        request.set(CaptureRequest.FLASH_MODE, torch ? CaptureRequest.FLASH_MODE_TORCH : CaptureRequest.FLASH_MODE_OFF);
        try {
            session.setRepeatingRequest(request.build(), null, handler);
        } catch (CameraAccessException | IllegalStateException e) {
            // The session closed under us (the screen is going away).
        }
    }

    /**
     * Focuses on the point the officer tapped ({@code x}, {@code y}: 0 to 1 across and down the preview) and
     * holds focus there until the next tap; the camera starts in continuous focus.
     */
    void focusAt(double x, double y) {
        lastFocus = new double[] {x, y};
        if (handler == null) {
            return;
        }
        handler.post(() -> {
            if (session == null || request == null || sensor == null) {
                return;
            }
            FocusArea area = FocusArea.around(x, y, preview.getHeight() >= preview.getWidth(), sensor.getWidth(),
                    sensor.getHeight());
            MeteringRectangle[] regions = {new MeteringRectangle(area.left(), area.top(), area.width(), area.height(),
                    MeteringRectangle.METERING_WEIGHT_MAX)};
            try {
                request.set(CaptureRequest.CONTROL_AF_REGIONS, regions);
                request.set(CaptureRequest.CONTROL_AF_MODE, CaptureRequest.CONTROL_AF_MODE_AUTO);
                request.set(CaptureRequest.CONTROL_AF_TRIGGER, CaptureRequest.CONTROL_AF_TRIGGER_START);
                session.capture(request.build(), null, handler);
                request.set(CaptureRequest.CONTROL_AF_TRIGGER, CaptureRequest.CONTROL_AF_TRIGGER_IDLE);
                session.setRepeatingRequest(request.build(), null, handler);
            } catch (CameraAccessException | IllegalStateException e) {
                // The session closed under us (the screen is going away).
            }
        });
    }

    /** The last point asked to focus on (tests read it: there is no camera on the JVM). */
    double[] lastFocus() {
        return lastFocus;
    }

    /** Copies the Y plane row by row (rows may be padded: rowStride ≥ width). */
    private void read(ImageReader source) {
        Image image = source.acquireLatestImage();
        if (image == null) {
            return;
        }
        try {
            int width = image.getWidth();
            int height = image.getHeight();
            Image.Plane plane = image.getPlanes()[0];
            ByteBuffer buffer = plane.getBuffer();
            int stride = plane.getRowStride();
            if (luminance.length != width * height) {
                luminance = new byte[width * height];
            }
            for (int row = 0; row < height; row++) {
                // Through Buffer: ByteBuffer.position(int) returning ByteBuffer is Java 9, not in API 26.
                ((Buffer) buffer).position(row * stride);
                buffer.get(luminance, row * width, width);
            }
            sink.onFrame(luminance, width, height);
        } finally {
            image.close();
        }
    }

    private String cameraId(CameraManager manager) throws CameraAccessException {
        int lens = facing == ScanLoop.Camera.BACK ? CameraCharacteristics.LENS_FACING_BACK
                : CameraCharacteristics.LENS_FACING_FRONT;
        for (String id : manager.getCameraIdList()) {
            Integer facingOf = manager.getCameraCharacteristics(id).get(CameraCharacteristics.LENS_FACING);
            if (facingOf != null && facingOf == lens) {
                return id;
            }
        }
        String[] all = manager.getCameraIdList();
        return all.length > 0 ? all[0] : null;
    }

    private static Size closest(Size[] sizes) {
        Size best = sizes[0];
        for (Size size : sizes) {
            if (distance(size) < distance(best)) {
                best = size;
            }
        }
        return best;
    }

    private static long distance(Size size) {
        return Math.abs((long) size.getWidth() * size.getHeight() - (long) WANTED_WIDTH * WANTED_HEIGHT)
                + Math.abs(size.getWidth() - WANTED_WIDTH) * 1000L;
    }
}
