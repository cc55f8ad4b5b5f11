package virga.operator.controller.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.Artifact;
import virga.crds.v1alpha1.ArtifactSpec;
import virga.crds.v1alpha1.ConditionTypes;
import virga.operator.conditions.Conditions;
import virga.operator.conditions.Outcome;
import virga.operator.testing.ManualClock;

@EnableKubernetesMockClient(crud = true, https = false)
class ArtifactReconcilerTest {
  static KubernetesClient client;

  private final ArtifactReconciler reconciler = new ArtifactReconciler(new ManualClock());

  private Artifact create(String name, String image) {
    Artifact a = new Artifact();
    a.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("apps").build());
    ArtifactSpec spec = new ArtifactSpec();
    spec.setImage(image);
    a.setSpec(spec);
    return client.resource(a).create();
  }

  private Outcome pass(String name) throws Exception {
    Artifact current = client.resources(Artifact.class).inNamespace("apps").withName(name).get();
    return reconciler.conditions().reconcile(current, client, null);
  }

  private Artifact stored(String name) {
    return client.resources(Artifact.class).inNamespace("apps").withName(name).get();
  }

  @Test
  void publishesTheImageAndBecomesReadyInOnePass() throws Exception {
    create("hello", "ghcr.io/wasmcloud/hello:1");
    Outcome first = pass("hello");
    assertThat(first.statusPatched()).isTrue();
    assertThat(first.lastChanged()).isEqualTo(ConditionTypes.READY);
    Outcome settled = pass("hello");
    assertThat(settled.statusPatched()).isFalse();
    Artifact a = stored("hello");
    assertThat(a.getStatus().getArtifactUrl()).isEqualTo("ghcr.io/wasmcloud/hello:1");
    for (String type :
        new String[] {ConditionTypes.SYNC, ConditionTypes.PUBLISHED, ConditionTypes.READY}) {
      assertThat(Conditions.isTrue(a.getStatus(), type)).as(type).isTrue();
    }
  }

  @Test
  void anEmptyImageIsNotSynced() throws Exception {
    create("empty", " ");
    pass("empty");
    Artifact a = stored("empty");
    assertThat(Conditions.isFalse(a.getStatus(), ConditionTypes.SYNC)).isTrue();
    assertThat(Conditions.find(a.getStatus(), ConditionTypes.SYNC).orElseThrow().getMessage())
        .contains("spec.image");
    assertThat(a.getStatus().getArtifactUrl()).isNull();
  }
}
