package virga.operator.controller.replicaset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.WorkloadComponent;
import virga.crds.v1alpha1.WorkloadSpec;

class TemplateHashTest {
  @Test
  void fnv32aMatchesTheReferenceVectors() {
    assertThat(TemplateHash.fnv32a(new byte[0])).isEqualTo(0x811c9dc5L);
    assertThat(TemplateHash.fnv32a("a".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xe40c292cL);
    assertThat(TemplateHash.fnv32a("foobar".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(0xbf9cf968L);
  }

  @Test
  void safeEncodeUsesKubernetesAlphabet() {
    // '0' is 48: 48 % 27 = 21 -> '4'; '9' is 57: 57 % 27 = 3 -> 'f'
    assertThat(TemplateHash.safeEncode("09")).isEqualTo("4f");
    assertThat(TemplateHash.randomSuffix()).matches("[bcdfghjklmnpqrstvwxz2456789]+");
    assertThat(TemplateHash.randomSuffix()).isNotEqualTo(TemplateHash.randomSuffix());
  }

  @Test
  void theHashFollowsTheSpecAndIsStable() {
    WorkloadSpec a = spec("ghcr.io/x/y:1", Map.of("b", "2", "a", "1"));
    WorkloadSpec same = spec("ghcr.io/x/y:1", Map.of("a", "1", "b", "2"));
    WorkloadSpec other = spec("ghcr.io/x/y:2", Map.of("a", "1", "b", "2"));

    assertThat(TemplateHash.of(a)).isEqualTo(TemplateHash.of(same));
    assertThat(TemplateHash.of(a)).isNotEqualTo(TemplateHash.of(other));
    assertThat(TemplateHash.of(a)).matches("[bcdfghjklmnpqrstvwxz2456789]+");
  }

  private static WorkloadSpec spec(String image, Map<String, String> selector) {
    WorkloadComponent c = new WorkloadComponent();
    c.setName("c");
    c.setImage(image);
    WorkloadSpec s = new WorkloadSpec();
    s.setComponents(List.of(c));
    s.setHostSelector(selector);
    return s;
  }
}
