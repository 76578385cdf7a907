package io.tongxing.bench;

import java.util.Arrays;

/** Rates and latencies with warm-up and several rounds, reported as median and spread. */
final class Measure {
    private Measure() {
    }

    /** Operations per second of {@code operation}, one thread: warm-up, then {@code rounds} timed rounds. */
    static Rate rate(Runnable operation, double warmupSeconds, int rounds, double roundSeconds) {
        run(operation, warmupSeconds);
        double[] rates = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            rates[i] = run(operation, roundSeconds);
        }
        Arrays.sort(rates);
        return new Rate(rates[rounds / 2], rates[0], rates[rounds - 1]);
    }

    /** Milliseconds per call: warm-up, then {@code samples} timed calls. */
    static Latency latency(Runnable operation, int warmup, int samples) {
        for (int i = 0; i < warmup; i++) {
            operation.run();
        }
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
            long start = System.nanoTime();
            operation.run();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return new Latency(millis[samples / 2], millis[(int) (samples * 0.9)], millis[samples - 1]);
    }

    private static double run(Runnable operation, double seconds) {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long count = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 16; i++) {
                operation.run();
            }
            count += 16;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    record Rate(double median, double min, double max) {
        @Override
        public String toString() {
            return String.format("%,.0f/s (min %,.0f, max %,.0f)", median, min, max);
        }
    }

    record Latency(double median, double p90, double max) {
        @Override
        public String toString() {
            return String.format("median %.2f ms, p90 %.2f ms, max %.2f ms", median, p90, max);
        }
    }
}
