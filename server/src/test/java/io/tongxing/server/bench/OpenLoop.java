package io.tongxing.server.bench;

import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.util.Arrays;
import java.util.List;

/**
 * GETs sent at a fixed rate whatever the server does, each timed from when it was due, not from when
 * it went out: a server falling behind shows in the latency instead of slowing the sender down.
 */
final class OpenLoop {

  /** What a phase measured: successes a second, latency percentiles from the due time, errors. */
  record Result(double rate, int count, int errors, long[] sortedNanos) {
    double percentile(double p) {
      if (sortedNanos.length == 0) {
        return Double.NaN;
      }
      return sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100 * sortedNanos.length) - 1)] / 1e6;
    }
  }

  private OpenLoop() {
  }

  /**
   * Sends {@code rate} GETs a second to {@code port}{@code path} for {@code seconds}, each with the next
   * of {@code headers}; a request counts as an error unless it is answered with {@code expectedStatus}.
   */
  static Result run(Vertx vertx, HttpClient client, int port, String path, List<MultiMap> headers, int expectedStatus,
                    double rate, int seconds) {
    long interval = (long) (1e9 / rate);
    long begin = System.nanoTime();
    long end = begin + seconds * 1_000_000_000L;
    long[] latencies = new long[(int) (rate * seconds) + 16];
    int[] state = new int[4]; // sent, completed, errors, next header
    Promise<Void> done = Promise.promise();
    vertx.runOnContext(v -> vertx.setPeriodic(1, timer -> {
      long now = System.nanoTime();
      while (begin + state[0] * interval <= now && begin + state[0] * interval < end && state[0] < latencies.length) {
        long due = begin + state[0] * interval;
        MultiMap requestHeaders = headers.get(state[3]);
        state[3] = (state[3] + 1) % headers.size();
        state[0]++;
        client.request(new RequestOptions().setMethod(HttpMethod.GET).setPort(port).setHost("localhost").setURI(path)
            .setHeaders(requestHeaders))
          .compose(request -> request.send().compose(response -> response.body().map(body -> response.statusCode())))
          .onComplete(answer -> {
            int slot = state[1]++;
            latencies[slot] = System.nanoTime() - due;
            if (answer.failed() || answer.result() != expectedStatus) {
              state[2]++;
            }
            if (state[1] == state[0] && System.nanoTime() >= end) {
              done.tryComplete();
            }
          });
      }
      if (now >= end) {
        vertx.cancelTimer(timer);
        if (state[1] == state[0]) {
          done.tryComplete();
        }
      }
    }));
    done.future().await();
    long[] sorted = Arrays.copyOf(latencies, state[1]);
    Arrays.sort(sorted);
    return new Result((state[1] - state[2]) / ((System.nanoTime() - begin) / 1e9), state[1], state[2], sorted);
  }
}
