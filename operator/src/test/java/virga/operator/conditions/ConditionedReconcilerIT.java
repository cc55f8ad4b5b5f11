package virga.operator.conditions;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.crds.v1alpha1.Artifact;
import virga.crds.v1alpha1.ArtifactSpec;
import virga.crds.v1alpha1.ArtifactStatus;
import virga.crds.v1alpha1.ConditionStatus;
import virga.crds.v1alpha1.RuntimeApi;
import virga.testsupport.KubeApiServerExtension;

/**
 * The condition engine against a real kube-apiserver, which (unlike the fabric8 CRUD mock) refuses
 * JSON-patch operations below a {@code /status} the object does not have yet.
 */
@Timeout(120)
class ConditionedReconcilerIT {
  @RegisterExtension static final KubeApiServerExtension KUBE = new KubeApiServerExtension();

  static final String NS = "conditions";
  static KubernetesClient client;

  @BeforeAll
  static void crds() {
    client = KUBE.client();
    KUBE.server().applyCrdResources(RuntimeApi.CRD_RESOURCES);
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
  }

  @Test
  void aNewObjectWithoutStatusGetsItsFirstConditionsAndThenTheRest() throws Exception {
    Artifact fresh = new Artifact();
    fresh.setMetadata(new ObjectMetaBuilder().withName("fresh").withNamespace(NS).build());
    ArtifactSpec spec = new ArtifactSpec();
    spec.setImage("ghcr.io/x/y:1");
    fresh.setSpec(spec);
    client.resource(fresh).create();
    var rec =
        ConditionedReconciler.<Artifact, ArtifactStatus>builder(ArtifactStatus::new)
            .interval(Duration.ofSeconds(30))
            .condition("A", (res, r) -> ConditionResult.ok())
            .condition(
                "B",
                (res, r) -> {
                  // only once A is on the server: the first patch must carry A alone
                  if (r.client().resource(res).get().getStatus().getConditions() != null) {
                    res.getStatus().setArtifactUrl("oci://example/y:1");
                    r.forceStatusUpdate();
                  }
                  return ConditionResult.unknown("waiting");
                })
            .build();

    Artifact stored = client.resource(fresh).get();
    assertThat(stored.getStatus()).as("created without a status").isNull();
    // another writer gives it a status after we read it
    client
        .resource(stored)
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"status\":{\"artifactUrl\":\"oci://other\"}}");
    Outcome first = rec.reconcile(stored, client, null);
    assertThat(first.statusPatched()).isTrue();
    Artifact afterFirst = client.resource(fresh).get();
    assertThat(afterFirst.getStatus()).isNotNull();
    assertThat(Conditions.isTrue(afterFirst.getStatus(), "A")).isTrue();
    assertThat(afterFirst.getStatus().getArtifactUrl())
        .as("the first status is merged in, not put over what is there")
        .isEqualTo("oci://other");

    rec.reconcile(afterFirst, client, null);
    Artifact afterSecond = client.resource(fresh).get();
    assertThat(Conditions.hasStatus(afterSecond.getStatus(), "B", ConditionStatus.UNKNOWN))
        .isTrue();
    assertThat(afterSecond.getStatus().getArtifactUrl()).isEqualTo("oci://example/y:1");
  }
}
