package virga.component.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GuestInterruptsTest {

  /** Waits out the linger of an earlier interrupt: every test starts with polls off. */
  static void awaitOff() throws InterruptedException {
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (GuestInterrupts.on() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(GuestInterrupts.on()).as("polls switched off again").isFalse();
  }

  @BeforeEach
  void startOff() throws InterruptedException {
    awaitOff();
  }

  @AfterEach
  void clearFlag() {
    Thread.interrupted();
  }

  @Test
  void aPollIsNothingUntilAnInterruptIsPendingThroughGuestInterrupts() {
    Thread.currentThread().interrupt(); // a bare interrupt: seen at calls, not at polls
    GuestInterrupts.poll();
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void whilePendingAPollThrowsOnTheInterruptedThreadOnlyAndClosingSwitchesItOffAfterTheLinger()
      throws InterruptedException {
    long before = GuestInterrupts.switches();
    GuestInterrupts.Pending p = GuestInterrupts.interrupt(Thread.currentThread());
    assertThat(GuestInterrupts.switches()).isEqualTo(before + 1);
    assertThat(GuestInterrupts.on()).isTrue();
    assertThatThrownBy(GuestInterrupts::poll)
        .isInstanceOf(GuestInterrupts.GuestInterruptedException.class)
        .hasMessage("Thread interrupted");
    Thread.interrupted();
    GuestInterrupts.poll(); // on, but this thread is not interrupted
    long closed = System.nanoTime();
    p.close();
    p.close(); // once
    assertThat(GuestInterrupts.on()).as("still on during the linger").isTrue();
    awaitOff();
    assertThat(System.nanoTime() - closed).isGreaterThanOrEqualTo(GuestInterrupts.LINGER.toNanos());
    assertThat(GuestInterrupts.switches()).isEqualTo(before + 2);
    Thread.currentThread().interrupt();
    GuestInterrupts.poll(); // off again
  }

  @Test
  void pollsStayOnUntilTheLastPendingInterruptIsClosed() throws InterruptedException {
    long before = GuestInterrupts.switches();
    GuestInterrupts.Pending first = GuestInterrupts.interrupt(new Thread(() -> {}));
    GuestInterrupts.Pending second = GuestInterrupts.interrupt(new Thread(() -> {}));
    try {
      assertThat(GuestInterrupts.switches()).isEqualTo(before + 1); // one switch for both
      first.close();
      Thread.sleep(GuestInterrupts.LINGER.toMillis() + 300);
      assertThat(GuestInterrupts.on()).as("the second is still pending").isTrue();
    } finally {
      second.close();
    }
    awaitOff();
    assertThat(GuestInterrupts.switches()).isEqualTo(before + 2);
  }

  @Test
  void aBurstOfInterruptsWithinTheLingerCostsOneSwitchOnAndOneOff() throws InterruptedException {
    long before = GuestInterrupts.switches();
    for (int i = 0; i < 20; i++) {
      Thread t = new Thread(() -> {});
      GuestInterrupts.interrupt(t).close();
    }
    assertThat(GuestInterrupts.switches()).isEqualTo(before + 1);
    awaitOff();
    assertThat(GuestInterrupts.switches()).isEqualTo(before + 2);
  }
}
