package virga.operator.controller.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.LocalObjectReference;
import virga.crds.v1alpha1.WorkloadComponent;
import virga.crds.v1alpha1.WorkloadDeployment;
import virga.crds.v1alpha1.WorkloadDeploymentArtifact;
import virga.crds.v1alpha1.WorkloadDeploymentSpec;
import virga.crds.v1alpha1.WorkloadReplicaTemplate;
import virga.crds.v1alpha1.WorkloadSpec;
import virga.operator.controller.replicaset.TemplateHash;

class DeploymentTemplatesTest {
  static WorkloadDeployment deployment(String image) {
    WorkloadComponent c = new WorkloadComponent();
    c.setName("c");
    c.setImage(image);
    WorkloadSpec spec = new WorkloadSpec();
    spec.setComponents(List.of(c));
    WorkloadReplicaTemplate t = new WorkloadReplicaTemplate();
    t.setSpec(spec);
    t.setLabels(Map.of("app", "x"));
    WorkloadDeploymentArtifact a = new WorkloadDeploymentArtifact();
    a.setName("app");
    LocalObjectReference from = new LocalObjectReference();
    from.setName("app-artifact");
    a.setArtifactFrom(from);
    WorkloadDeploymentSpec ds = new WorkloadDeploymentSpec();
    ds.setTemplate(t);
    ds.setReplicas(3);
    ds.setArtifacts(List.of(a));
    WorkloadDeployment d = new WorkloadDeployment();
    d.setMetadata(
        new ObjectMetaBuilder().withName("hello").withNamespace("ns").withUid("u1").build());
    d.setSpec(ds);
    return d;
  }

  @Test
  void resolvesArtifactImagesAndLabelsTheTemplateWithoutTouchingTheDeployment() {
    WorkloadDeployment d = deployment("artifact://app");

    WorkloadReplicaTemplate t = DeploymentTemplates.resolve(d, Map.of("app", "ghcr.io/x/app:2"));

    assertThat(t.getSpec().getComponents().get(0).getImage()).isEqualTo("ghcr.io/x/app:2");
    assertThat(t.getLabels())
        .containsEntry("app", "x")
        .containsEntry("runtime.wasmcloud.dev/workload-deployment", "hello");
    assertThat(d.getSpec().getTemplate().getSpec().getComponents().get(0).getImage())
        .isEqualTo("artifact://app");
    assertThat(DeploymentTemplates.artifactReferences(d.getSpec().getTemplate().getSpec()))
        .containsExactly("app");
    assertThatThrownBy(() -> DeploymentTemplates.resolve(d, Map.of()))
        .hasMessage("image artifact://app names no published entry of spec.artifacts");
  }

  @Test
  void aNewReplicaSetCarriesOwnerLabelsReplicasAndTheTemplateHash() {
    WorkloadDeployment d = deployment("ghcr.io/x/app:1");
    WorkloadReplicaTemplate t = DeploymentTemplates.resolve(d, Map.of());

    var rs = DeploymentTemplates.newReplicaSet(d, t, "abc");

    assertThat(rs.getMetadata().getName()).isEqualTo("hello-abc");
    assertThat(rs.getMetadata().getLabels())
        .containsEntry("runtime.wasmcloud.dev/workload-deployment", "hello");
    assertThat(rs.getMetadata().getAnnotations())
        .containsEntry(
            "runtime.wasmcloud.dev/workload-replica-set-generation", TemplateHash.of(t.getSpec()));
    assertThat(rs.getMetadata().getOwnerReferences().get(0).getController()).isTrue();
    assertThat(rs.getSpec().getReplicas()).isEqualTo(3);
    assertThat(DeploymentTemplates.selector(d))
        .isEqualTo("runtime.wasmcloud.dev/workload-deployment=hello");
  }

  @Test
  void templateLabelsDoNotChangeTheHashButTheSpecDoes() {
    WorkloadDeployment d = deployment("ghcr.io/x/app:1");
    String before = TemplateHash.of(DeploymentTemplates.resolve(d, Map.of()).getSpec());
    d.getSpec().getTemplate().setLabels(Map.of("other", "y"));
    assertThat(TemplateHash.of(DeploymentTemplates.resolve(d, Map.of()).getSpec()))
        .isEqualTo(before);
    d.getSpec().getTemplate().getSpec().getComponents().get(0).setImage("ghcr.io/x/app:2");
    assertThat(TemplateHash.of(DeploymentTemplates.resolve(d, Map.of()).getSpec()))
        .isNotEqualTo(before);
  }
}
