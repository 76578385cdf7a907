/**
 * The seams where the home server's HTTP API plugs in (sync, scan-log upload, registration, check-in,
 * passes). Each is a small interface; the app wires the HTTP clients of {@code io.tongxing.app.server.http},
 * model tests use fakes or {@link io.tongxing.app.server.NotConnected}. Every method may block and is called
 * off the main thread; an {@link java.io.IOException} means "could not reach the server, keep what you have".
 */
package io.tongxing.app.server;
