package virga.crds.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java model reads and writes wasmCloud manifests without losing or renaming fields. */
class CrdModelTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @ParameterizedTest
  @ValueSource(strings = {"hello", "messaging", "blobby", "every-field"})
  void workloadDeploymentSamplesRoundTrip(String sample) throws IOException {
    String yaml = sample(sample);

    WorkloadDeployment deployment = Serialization.unmarshal(yaml, WorkloadDeployment.class);
    JsonNode written = tree(Serialization.asJson(deployment));

    assertThat(written).isEqualTo(tree(yaml));
  }

  @Test
  void everyFieldSampleMapsToTypedFields() throws IOException {
    WorkloadDeployment wd =
        Serialization.unmarshal(sample("every-field"), WorkloadDeployment.class);

    WorkloadDeploymentSpec spec = wd.getSpec();
    assertThat(spec.getReplicas()).isEqualTo(2);
    assertThat(spec.getDeployPolicy()).isEqualTo(WorkloadDeploymentSpec.DEPLOY_POLICY_RECREATE);
    assertThat(spec.getArtifacts().get(0).getArtifactFrom().getName()).isEqualTo("app-artifact");
    WorkloadSpec template = spec.getTemplate().getSpec();
    HostInterface cache = template.getHostInterfaces().get(0);
    assertThat(cache.getPackageName()).isEqualTo("keyvalue");
    assertThat(cache.getConfigFrom())
        .extracting(LocalObjectReference::getName)
        .containsExactly("kv-config");
    assertThat(template.getComponents().get(0).getLocalResources().getAllowedHostLoopbackPorts())
        .containsExactly("6379", "5353/udp");
    assertThat(template.getService().getMaxRestarts()).isEqualTo(3);
    assertThat(template.getVolumes().get(0).getEphemeral()).isNotNull();
    assertThat(template.getVolumes().get(1).getHostPath().getPath()).isEqualTo("/etc/ssl/certs");
    Condition ready = wd.getStatus().getConditions().get(0);
    assertThat(ready.getObservedGeneration()).isEqualTo(3L);
    assertThat(ready.getLastTransitionTime()).isEqualTo(Instant.parse("2025-01-02T03:04:05Z"));
    assertThat(wd.getStatus().getReplicas().getUnavailable()).isEqualTo(1);
  }

  @Test
  void hostKeepsItsFieldsAtTheRootAndWritesNoSpec() throws IOException {
    String yaml = sample("host");

    Host host = Serialization.unmarshal(yaml, Host.class);
    JsonNode written = tree(Serialization.asJson(host));

    assertThat(host.getHostId()).isEqualTo("NHOSTIDEXAMPLE");
    assertThat(host.getHttpPort()).isEqualTo(8080L);
    assertThat(host.getStatus().getSystemMemoryTotal()).isEqualTo(17179869184L);
    assertThat(written.has("spec")).isFalse();
    assertThat(written).isEqualTo(tree(yaml));
  }

  @Test
  void unsetFieldsAreNotWritten() {
    WorkloadDeployment wd = new WorkloadDeployment();
    wd.setSpec(new WorkloadDeploymentSpec());
    wd.getSpec().setTemplate(new WorkloadReplicaTemplate());

    JsonNode spec = Serialization.jsonMapper().valueToTree(wd).get("spec");

    assertThat(spec.toString()).isEqualTo("{\"template\":{}}");
  }

  @Test
  void kindsCarryTheWasmCloudApiVersion() {
    for (Class<?> kind : RuntimeApi.KINDS) {
      assertThat(HasMetadata.getApiVersion(kind.asSubclass(HasMetadata.class)))
          .as(kind.getSimpleName())
          .isEqualTo("runtime.wasmcloud.dev/v1alpha1");
    }
    assertThat(new Workload().getKind()).isEqualTo("Workload");
    assertThat(List.of(Finalizers.WORKLOAD, Finalizers.HOST, Finalizers.POD_HOST))
        .containsExactly(
            "runtime.wasmcloud.dev/workload-finalizer",
            "runtime.wasmcloud.dev/host-finalizer",
            "runtime.wasmcloud.dev/pod-host-finalizer");
  }

  /** Parses JSON or YAML text so that equal numbers get equal node types. */
  static JsonNode tree(String text) throws IOException {
    return YAML.readTree(YAML.readTree(text).toString());
  }

  static String sample(String name) throws IOException {
    try (InputStream in = CrdModelTest.class.getResourceAsStream("/samples/" + name + ".yaml")) {
      if (in == null) {
        throw new IOException("no sample " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
