package virga.plugins.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConsumerGroupsTest {
  @Test
  void fnv1a64MatchesTheReferenceVectors() {
    assertThat(ConsumerGroups.fnv1a64("")).isEqualTo(0xcbf29ce484222325L);
    assertThat(ConsumerGroups.fnv1a64("a")).isEqualTo(0xaf63dc4c8601ec8cL);
    assertThat(ConsumerGroups.fnv1a64("foobar")).isEqualTo(0x85944171f73967e8L);
  }

  @Test
  void theDefaultGroupNamesNamespaceDeploymentComponentAndAHash() {
    String g = ConsumerGroups.defaultGroup("default", "orders", "handler");

    assertThat(g)
        .matches("wasmcloud\\.default\\.orders\\.handler\\.[0-9a-f]{16}")
        .isEqualTo(ConsumerGroups.defaultGroup("default", "orders", "handler"))
        .isNotEqualTo(ConsumerGroups.defaultGroup("default", "orders", "other"));
  }

  @Test
  void charactersOutsideTheSafeSetBecomeDashesButTheHashKeepsNamesApart() {
    String dotted = ConsumerGroups.defaultGroup("ns", "a.b", "c");
    String dashed = ConsumerGroups.defaultGroup("ns", "a-b", "c");

    assertThat(dotted).startsWith("wasmcloud.ns.a-b.c.");
    assertThat(dashed).startsWith("wasmcloud.ns.a-b.c.");
    assertThat(dotted).isNotEqualTo(dashed);
  }

  @Test
  void aLongGroupIsCutTo128CharactersKeepingTheHash() {
    String g = ConsumerGroups.defaultGroup("ns", "d".repeat(200), "c");

    assertThat(g).hasSize(128).matches(".*\\.[0-9a-f]{16}");
  }
}
