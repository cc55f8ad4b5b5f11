package virga.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManifestSchemasTest {
  private static final List<String> KINDS =
      List.of(
          "WorkloadDeployment",
          "WorkloadReplicaSet",
          "Workload",
          "Artifact",
          "ConfigMap",
          "Secret");

  @Test
  void everyKindHasASchemaWithApiVersionKindAndMetadata() {
    for (String kind : KINDS) {
      ManifestSchemas.Kind k = ManifestSchemas.kind(kind).orElseThrow();
      assertThat(k.schema().path("properties").has("metadata")).as(kind).isTrue();
      assertThat(k.schema().path("required").toString()).as(kind).contains("\"metadata\"");
    }
    assertThat(ManifestSchemas.kind("Host")).isEmpty();
    assertThat(ManifestSchemas.kind("WorkloadDeployment").orElseThrow().apiVersion())
        .isEqualTo("runtime.wasmcloud.dev/v1alpha1");
    assertThat(ManifestSchemas.kind("Secret").orElseThrow().apiVersion()).isEqualTo("v1");
  }

  @Test
  void everyCelRuleOfTheCrdsIsImplemented() {
    List<String> rules = new ArrayList<>();
    for (String kind : KINDS) {
      collectRules(ManifestSchemas.kind(kind).orElseThrow().schema(), rules);
    }
    // hostInterfaces in the templates of deployments and replica sets and in Workload.spec
    assertThat(rules)
        .hasSize(6)
        .containsOnly(HostInterfaceRules.UNIQUE, HostInterfaceRules.ONE_UNNAMED);
    for (String rule : rules) {
      assertThat(HostInterfaceRules.check(rule, "m", JsonNodeFactory.instance.arrayNode()))
          .isEmpty();
    }
    assertThatThrownBy(
            () ->
                HostInterfaceRules.check(
                    "self.size() > 0", "m", JsonNodeFactory.instance.arrayNode()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("CEL rule not implemented by the manifest validator: self.size() > 0");
  }

  private static void collectRules(JsonNode schema, List<String> out) {
    schema.path("x-kubernetes-validations").forEach(r -> out.add(r.path("rule").asText()));
    schema.path("properties").forEach(p -> collectRules(p, out));
    if (schema.has("items")) {
      collectRules(schema.get("items"), out);
    }
    if (schema.path("additionalProperties").isObject()) {
      collectRules(schema.get("additionalProperties"), out);
    }
  }
}
