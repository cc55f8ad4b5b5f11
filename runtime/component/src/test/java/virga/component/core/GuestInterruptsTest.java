package virga.component.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GuestInterruptsTest {

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
  void whilePendingAPollThrowsOnTheInterruptedThreadOnlyAndClosingSwitchesItOff() {
    long before = GuestInterrupts.switches();
    GuestInterrupts.Pending p = GuestInterrupts.interrupt(Thread.currentThread());
    assertThat(GuestInterrupts.switches()).isEqualTo(before + 1);
    assertThatThrownBy(GuestInterrupts::poll)
        .isInstanceOf(GuestInterrupts.GuestInterruptedException.class)
        .hasMessage("Thread interrupted");
    Thread.interrupted();
    GuestInterrupts.poll(); // on, but this thread is not interrupted
    p.close();
    p.close(); // once
    assertThat(GuestInterrupts.switches()).isEqualTo(before + 2);
    Thread.currentThread().interrupt();
    GuestInterrupts.poll(); // off again
  }

  @Test
  void pollsStayOnUntilTheLastPendingInterruptIsClosed() throws Exception {
    long before = GuestInterrupts.switches();
    Thread other = new Thread(() -> {});
    GuestInterrupts.Pending first = GuestInterrupts.interrupt(other);
    GuestInterrupts.Pending second = GuestInterrupts.interrupt(Thread.currentThread());
    assertThat(GuestInterrupts.switches()).isEqualTo(before + 1); // one switch for both
    first.close();
    assertThatThrownBy(GuestInterrupts::poll)
        .isInstanceOf(GuestInterrupts.GuestInterruptedException.class);
    second.close();
    assertThat(GuestInterrupts.switches()).isEqualTo(before + 2);
  }
}
