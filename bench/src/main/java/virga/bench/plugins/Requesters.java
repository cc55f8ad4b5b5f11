package virga.bench.plugins;

import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load on a NATS request/reply subject: {@code n} threads, each sending a request and waiting for
 * its reply before the next (jnats {@link Connection#request}), for a fixed time; every reply is
 * checked against the expected bytes.
 */
final class Requesters {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  /** The latencies of the answered requests, the wrong or missing replies, and the wall time. */
  record Load(Samples samples, long errors, long nanos) {
    double perSecond() {
      return samples.count() * 1e9 / nanos;
    }
  }

  private Requesters() {}

  static Load run(
      Connection client, String subject, byte[] body, byte[] expected, int n, Duration time)
      throws InterruptedException {
    CountDownLatch go = new CountDownLatch(1);
    AtomicLong errors = new AtomicLong();
    List<Samples> perThread = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long[] window = new long[1];
    for (int t = 0; t < n; t++) {
      Samples mine = new Samples();
      perThread.add(mine);
      Thread th =
          new Thread(
              () -> {
                try {
                  go.await();
                  while (System.nanoTime() < window[0]) {
                    long t0 = System.nanoTime();
                    Message reply = client.request(subject, body, TIMEOUT);
                    long dt = System.nanoTime() - t0;
                    if (reply != null && Arrays.equals(reply.getData(), expected)) {
                      mine.add(dt);
                    } else {
                      errors.incrementAndGet();
                    }
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "requester-" + t);
      threads.add(th);
      th.start();
    }
    long start = System.nanoTime();
    window[0] = start + time.toNanos(); // published to the threads by the latch
    go.countDown();
    for (Thread th : threads) {
      th.join();
    }
    long nanos = System.nanoTime() - start;
    Samples all = new Samples();
    perThread.forEach(all::addAll);
    return new Load(all, errors.get(), nanos);
  }
}
