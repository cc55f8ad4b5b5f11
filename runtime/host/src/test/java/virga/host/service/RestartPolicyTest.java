package virga.host.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {
  @Test
  void defaultsAreWhatTheManifestDoesNotSay() {
    RestartPolicy p = RestartPolicy.maxRestarts(3);
    assertThat(p)
        .isEqualTo(
            new RestartPolicy(
                3, Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(60)));
  }

  @Test
  void backoffDoublesFrom200MsAndIsCappedAt10s() {
    RestartPolicy p = RestartPolicy.maxRestarts(100);
    List<Long> ms = new ArrayList<>();
    for (int attempt = 1; attempt <= 9; attempt++) {
      ms.add(p.backoff(attempt).toMillis());
    }
    assertThat(ms).containsExactly(200L, 400L, 800L, 1600L, 3200L, 6400L, 10000L, 10000L, 10000L);
    assertThat(p.backoff(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void invalidValuesAreRefusedWithTheReason() {
    assertThatThrownBy(() -> RestartPolicy.maxRestarts(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxRestarts must be 0 (never restart) or more, not -1");
    assertThatThrownBy(
            () ->
                new RestartPolicy(
                    1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(60)))
        .hasMessage("maxBackoff PT1S is shorter than initialBackoff PT2S");
    assertThatThrownBy(() -> RestartPolicy.maxRestarts(1).backoff(0))
        .hasMessage("attempt starts at 1, not 0");
  }
}
