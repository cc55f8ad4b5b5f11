package virga.plugins.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;
import virga.plugin.WitInterface;

class HandlerConfigTest {
  private static HandlerConfig read(Map<String, String> local, Map<String, String> iface) {
    return HandlerConfig.read(
        local, Set.of(WitInterface.parse("wasmcloud:messaging/handler@0.2.0").withConfig(iface)));
  }

  @Test
  void subscriptionsAreSplitOnCommasTrimmedAndMayUseWildcards() {
    assertThat(HandlerConfig.subscriptions(" orders.*.created , audit.> ,,x "))
        .containsExactly("orders.*.created", "audit.>", "x");
    assertThat(HandlerConfig.subscriptions(null)).isEmpty();
    assertThat(HandlerConfig.subscriptions("  ")).isEmpty();
  }

  @Test
  void aBadSubjectNamesTheKey() {
    assertThatThrownBy(() -> HandlerConfig.subscriptions("a.>.b"))
        .hasMessage("subscriptions: invalid subject 'a.>.b': '>' must be the last token");
  }

  @Test
  void theItemsConfigComesFirstThenTheHostInterface() {
    HandlerConfig c =
        read(
            Map.of("consumer_group", "mine"),
            Map.of("subscriptions", "a", "consumer_group", "theirs", "max_in_flight", "4"));

    assertThat(c.subscriptions()).isEqualTo(List.of("a"));
    assertThat(c.consumerGroup()).isEqualTo("mine");
    assertThat(c.maxInFlight()).isEqualTo(OptionalInt.of(4));
    assertThat(c.admissionWait()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void consumerGroupIsRejectedWhenEmptyOrWithWhitespaceOrWildcards() {
    for (String bad : List.of("", "a b", "a\tb", "a*", "a.>")) {
      assertThatThrownBy(() -> read(Map.of("consumer_group", bad), Map.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("consumer_group");
    }
    assertThat(read(Map.of("consumer_group", "broadcast"), Map.of()).broadcast()).isTrue();
    assertThat(read(Map.of("consumer_group", "a.b-c_d"), Map.of()).broadcast()).isFalse();
  }

  @Test
  void admissionWaitTakesSecondsMinutesOrBareSecondsAndIsClampedTo600() {
    assertThat(HandlerConfig.admissionWait("45s")).isEqualTo(Duration.ofSeconds(45));
    assertThat(HandlerConfig.admissionWait("2m")).isEqualTo(Duration.ofSeconds(120));
    assertThat(HandlerConfig.admissionWait("7")).isEqualTo(Duration.ofSeconds(7));
    assertThat(HandlerConfig.admissionWait(null)).isEqualTo(Duration.ofSeconds(30));
    assertThat(HandlerConfig.admissionWait("601")).isEqualTo(Duration.ofSeconds(600));
    assertThat(HandlerConfig.admissionWait("11m")).isEqualTo(Duration.ofSeconds(600));
    assertThat(HandlerConfig.admissionWait("0")).isEqualTo(Duration.ZERO);
    assertThatThrownBy(() -> HandlerConfig.admissionWait("soon"))
        .hasMessage("admission_wait must be seconds ('45', '45s') or minutes ('2m'), got 'soon'");
    assertThatThrownBy(() -> HandlerConfig.admissionWait("1h")).hasMessageContaining("'1h'");
  }

  @Test
  void maxInFlightIsAPositiveNumberWithZeroMeaningUnset() {
    assertThat(HandlerConfig.maxInFlight("16")).isEqualTo(OptionalInt.of(16));
    assertThat(HandlerConfig.maxInFlight("0")).isEmpty();
    assertThat(HandlerConfig.maxInFlight(null)).isEmpty();
    assertThatThrownBy(() -> HandlerConfig.maxInFlight("many"))
        .hasMessage("max_in_flight must be a whole number of messages, got 'many'");
    assertThatThrownBy(() -> HandlerConfig.maxInFlight("-1"))
        .hasMessage("max_in_flight must not be negative, got -1");
  }
}
