/**
 * The only package that imports {@code android.*}: Activities that render screen-model state and
 * forward events, and the Android implementations of the platform seams (Keystore, encrypted files,
 * SQLite, Camera2, window brightness and FLAG_SECURE, tones and vibration, the main-thread ticker).
 * {@code AndroidFreeModelTest} checks that nothing outside this package refers to Android.
 */
package io.tongxing.app.android;
