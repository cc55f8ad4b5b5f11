package virga.wasi.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import virga.component.TrapException;
import virga.wasi.clocks.MonotonicClock;
import virga.wasi.clocks.Timer;

@Timeout(10)
class PollerTest {
  private final MonotonicClock clock = MonotonicClock.system();
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    later.shutdownNow();
  }

  @Test
  void blocksUntilTheFirstOfSeveralIsReady() {
    long t0 = clock.now();
    Timer late = new Timer(clock, t0 + TimeUnit.MILLISECONDS.toNanos(2000));
    Timer soon = new Timer(clock, t0 + TimeUnit.MILLISECONDS.toNanos(60));
    assertThat(Poller.poll(List.of(late, soon), clock::now)).containsExactly(1);
    long took = clock.now() - t0;
    assertThat(took)
        .isBetween(TimeUnit.MILLISECONDS.toNanos(60), TimeUnit.MILLISECONDS.toNanos(1500));
  }

  @Test
  void aStreamEventWakesAPollThatAlsoWaitsOnATimer() throws Exception {
    PipedOutputStream feed = new PipedOutputStream();
    AsyncInputSource stdin = new AsyncInputSource(new PipedInputStream(feed), 1024, "test-stdin");
    long t0 = clock.now();
    later.schedule(
        () -> {
          feed.write('x');
          feed.flush();
          return null;
        },
        80,
        TimeUnit.MILLISECONDS);
    Timer timer = new Timer(clock, t0 + TimeUnit.SECONDS.toNanos(5));
    assertThat(Poller.poll(List.of(timer, stdin), clock::now)).containsExactly(1);
    assertThat(clock.now() - t0).isLessThan(TimeUnit.SECONDS.toNanos(4));
    assertThat(stdin.read(10)).containsExactly('x');
    stdin.close();
  }

  @Test
  void readyEntriesAreAllReported() {
    assertThat(
            Poller.poll(
                List.of(Readiness.ALWAYS, new Timer(clock, 0), Readiness.ALWAYS), clock::now))
        .containsExactly(0, 1, 2);
  }

  @Test
  void anInjectedClockReleasesTheWaiterWhenItReachesTheDeadline() {
    AtomicLong fake = new AtomicLong();
    later.schedule(() -> fake.set(1_000), 100, TimeUnit.MILLISECONDS);
    assertThat(Poller.poll(List.of(new Timer(fake::get, 1_000)), fake::get)).containsExactly(0);
  }

  @Test
  void emptyListAndInterruptTrap() {
    assertThatThrownBy(() -> Poller.poll(List.of(), clock::now)).isInstanceOf(TrapException.class);
    Thread me = Thread.currentThread();
    later.schedule(me::interrupt, 50, TimeUnit.MILLISECONDS);
    Timer never = new Timer(clock, Long.MAX_VALUE - 1);
    assertThatThrownBy(() -> Poller.poll(List.of(never), clock::now))
        .isInstanceOf(TrapException.class)
        .hasMessageContaining("interrupted");
    assertThat(Thread.interrupted()).isFalse();
  }
}
