package virga.host.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxTest {

  @Test
  void changesRecordedUnderALockAreHeardInThatOrderWhicheverThreadDelivers() throws Exception {
    List<Integer> heard = new ArrayList<>(); // only the delivering thread touches it
    AtomicInteger concurrent = new AtomicInteger();
    AtomicInteger maxConcurrent = new AtomicInteger();
    Outbox<Integer> outbox =
        new Outbox<>(
            "number",
            n -> {
              maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
              heard.add(n);
              concurrent.decrementAndGet();
            });
    Object lock = new Object();
    int[] next = {0};
    int threads = 8;
    int each = 2_000;
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < each; i++) {
                  synchronized (lock) {
                    outbox.add(next[0]++);
                  }
                  outbox.deliver();
                }
              });
      w.start();
      workers.add(w);
    }
    go.countDown();
    for (Thread w : workers) {
      w.join();
    }
    outbox.deliver();

    assertThat(maxConcurrent.get()).isEqualTo(1);
    assertThat(heard).hasSize(threads * each);
    for (int i = 0; i < heard.size(); i++) {
      assertThat(heard.get(i)).isEqualTo(i);
    }
  }

  @Test
  void aListenerThatThrowsLosesOnlyThatChange() {
    List<String> heard = new ArrayList<>();
    Outbox<String> outbox =
        new Outbox<>(
            "word",
            w -> {
              if (w.equals("bad")) {
                throw new IllegalStateException("listener bug");
              }
              heard.add(w);
            });
    outbox.add("one");
    outbox.add("bad");
    outbox.add("two");
    outbox.deliver();
    assertThat(heard).containsExactly("one", "two");
  }
}
