package virga.crds.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import virga.testsupport.CommandResult;
import virga.testsupport.KubeApiServerExtension;

/**
 * The generated CRDs on a real Kubernetes 1.20 API server: validation, defaults, scale, columns.
 */
class CrdIT {

  private static final String NS = "default";

  @RegisterExtension static KubeApiServerExtension kube = new KubeApiServerExtension();

  static List<CustomResourceDefinition> applied;

  @BeforeAll
  static void applyCrds() {
    applied = kube.server().applyCrdResources(RuntimeApi.CRD_RESOURCES);
  }

  @Test
  void allFiveCrdsAreEstablished(KubernetesClient client) {
    assertThat(applied).hasSize(5);
    List<String> established =
        client.apiextensions().v1().customResourceDefinitions().list().getItems().stream()
            .filter(crd -> crd.getSpec().getGroup().equals(RuntimeApi.GROUP))
            .filter(
                crd ->
                    crd.getStatus().getConditions().stream()
                        .anyMatch(
                            c -> c.getType().equals("Established") && c.getStatus().equals("True")))
            .map(crd -> crd.getMetadata().getName())
            .toList();
    assertThat(established)
        .containsExactlyInAnyOrder(
            "artifacts.runtime.wasmcloud.dev",
            "hosts.runtime.wasmcloud.dev",
            "workloads.runtime.wasmcloud.dev",
            "workloadreplicasets.runtime.wasmcloud.dev",
            "workloaddeployments.runtime.wasmcloud.dev");
  }

  @ParameterizedTest
  @ValueSource(strings = {"hello", "messaging", "blobby", "every-field"})
  void samplesAreAcceptedAndReadBackWithDefaults(String sample) throws IOException {
    ObjectNode manifest = manifest(sample);
    manifest.remove("status");
    ObjectNode expectedSpec = (ObjectNode) manifest.get("spec").deepCopy();
    if (!expectedSpec.has("replicas")) {
      expectedSpec.put("replicas", 1);
    }
    if (!expectedSpec.has("deployPolicy")) {
      expectedSpec.put("deployPolicy", "RollingUpdate");
    }

    JsonNode stored = create(manifest);

    assertThat(CrdModelTest.tree(stored.get("spec").toString())).isEqualTo(expectedSpec);
    WorkloadDeployment typed =
        kube.client().resources(WorkloadDeployment.class).inNamespace(NS).withName(sample).get();
    assertThat(typed.getSpec().getDeployPolicy())
        .isEqualTo(expectedSpec.get("deployPolicy").asText());
  }

  @Test
  void statusWithEveryFieldIsStoredThroughTheStatusSubresource() throws IOException {
    WorkloadDeployment wd =
        Serialization.unmarshal(CrdModelTest.sample("every-field"), WorkloadDeployment.class);
    wd.getMetadata().setName("every-field-status");
    WorkloadDeploymentStatus status = wd.getStatus();
    wd.setStatus(null);
    var resource = kube.client().resources(WorkloadDeployment.class).inNamespace(NS).resource(wd);
    WorkloadDeployment created = resource.create();
    created.setStatus(status);

    kube.client().resource(created).inNamespace(NS).updateStatus();

    WorkloadDeployment read =
        kube.client()
            .resources(WorkloadDeployment.class)
            .inNamespace(NS)
            .withName("every-field-status")
            .get();
    assertThat(Serialization.asJson(read.getStatus())).isEqualTo(Serialization.asJson(status));
  }

  @Test
  void hostWithRootFieldsRoundTrips() throws IOException {
    Host host = Serialization.unmarshal(CrdModelTest.sample("host"), Host.class);
    HostStatus status = host.getStatus();
    host.setStatus(null);
    Host created = kube.client().resources(Host.class).inNamespace(NS).resource(host).create();
    created.setStatus(status);
    kube.client().resource(created).inNamespace(NS).updateStatus();

    Host read =
        kube.client().resources(Host.class).inNamespace(NS).withName("sunny-meadow-1234").get();

    assertThat(read.getHostId()).isEqualTo("NHOSTIDEXAMPLE");
    assertThat(read.getHttpPort()).isEqualTo(8080L);
    assertThat(read.getEnvironment()).isEqualTo("default");
    assertThat(read.getStatus().getSystemMemoryTotal()).isEqualTo(17179869184L);
    assertThat(read.getStatus().getLastSeen()).isEqualTo(status.getLastSeen());
  }

  @Test
  void hostWithoutHostIdIsRejected() throws IOException {
    ObjectNode host = manifest("host");
    host.remove("hostId");
    ((ObjectNode) host.get("metadata")).put("name", "no-host-id");

    assertRejected(host, "hostId");
  }

  // Kubernetes 1.20 names list elements without their index, e.g. hostInterfaces.name
  static Stream<Arguments> invalidDeployments() {
    return Stream.of(
        invalid("replicas-three", "spec.replicas", m -> spec(m).put("replicas", "three")),
        invalid(
            "no-template-spec",
            "spec.template.spec",
            m -> ((ObjectNode) spec(m).get("template")).remove("spec")),
        invalid(
            "empty-interfaces",
            "spec.template.spec.hostInterfaces.interfaces",
            m -> hostInterface(m).putArray("interfaces")),
        invalid(
            "bad-allowed-host",
            "spec.template.spec.components.localResources.allowedHosts",
            m ->
                component(m)
                    .putObject("localResources")
                    .putArray("allowedHosts")
                    .add("http://bad host/")),
        invalid(
            "bad-interface-name",
            "spec.template.spec.hostInterfaces.name",
            m -> hostInterface(m).put("name", "Bad_Name")),
        invalid(
            "negative-pool",
            "spec.template.spec.components.poolSize",
            m -> component(m).put("poolSize", -1)),
        invalid(
            "bad-loopback-port",
            "spec.template.spec.components.localResources.allowedHostLoopbackPorts",
            m ->
                component(m)
                    .putObject("localResources")
                    .putArray("allowedHostLoopbackPorts")
                    .add("80/sctp")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidDeployments")
  void invalidDeploymentsAreRejectedNamingTheField(
      String name, String field, Consumer<ObjectNode> breakIt) throws IOException {
    ObjectNode manifest = manifest("hello");
    ((ObjectNode) manifest.get("metadata")).put("name", name);
    breakIt.accept(manifest);

    assertRejected(manifest, field);
  }

  @Test
  void scaleSubresourceDrivesSpecReplicas() throws IOException {
    ObjectNode manifest = manifest("hello");
    ((ObjectNode) manifest.get("metadata")).put("name", "scaled");
    create(manifest);

    CommandResult result =
        kube.server().kubectl("-n", NS, "scale", "workloaddeployment/scaled", "--replicas=3");

    assertThat(result.succeeded()).as(result.toString()).isTrue();
    WorkloadDeployment read =
        kube.client().resources(WorkloadDeployment.class).inNamespace(NS).withName("scaled").get();
    assertThat(read.getSpec().getReplicas()).isEqualTo(3);

    WorkloadDeploymentStatus status = new WorkloadDeploymentStatus();
    status.setCurrentReplicas(2);
    status.setSelector(Labels.WORKLOAD_DEPLOYMENT + "=scaled");
    read.setStatus(status);
    kube.client().resource(read).inNamespace(NS).updateStatus();

    JsonNode scale =
        CrdModelTest.tree(
            kube.client()
                .raw(
                    "/apis/runtime.wasmcloud.dev/v1alpha1/namespaces/"
                        + NS
                        + "/workloaddeployments/scaled/scale"));
    assertThat(scale.get("kind").asText()).isEqualTo("Scale");
    assertThat(scale.at("/spec/replicas").asInt()).isEqualTo(3);
    assertThat(scale.at("/status/replicas").asInt()).isEqualTo(2);
    assertThat(scale.at("/status/selector").asText())
        .isEqualTo("runtime.wasmcloud.dev/workload-deployment=scaled");
  }

  @Test
  void kubectlShowsThePrinterColumns() throws IOException {
    ObjectNode deployment = manifest("hello");
    ((ObjectNode) deployment.get("metadata")).put("name", "columns");
    create(deployment);
    ObjectNode workload = deployment.deepCopy();
    workload.put("kind", "Workload");
    workload.set("spec", deployment.at("/spec/template/spec"));
    create(workload);
    ObjectNode replicaSet = deployment.deepCopy();
    replicaSet.put("kind", "WorkloadReplicaSet");
    replicaSet.set("spec", deployment.get("spec").deepCopy());
    create(replicaSet);
    ObjectNode host = manifest("host");
    ((ObjectNode) host.get("metadata")).put("name", "columns-host");
    create(host);

    assertThat(header("workloaddeployments")).containsExactly("NAME", "REPLICAS", "READY", "AGE");
    assertThat(header("workloadreplicasets")).containsExactly("NAME", "REPLICAS", "READY", "AGE");
    assertThat(header("ww")).containsExactly("NAME", "HOSTID", "ENVIRONMENT", "READY", "AGE");
    assertThat(header("hosts"))
        .containsExactly("NAME", "HOSTID", "HOSTGROUP", "ENVIRONMENT", "READY", "AGE");
    assertThat(row("hosts", "columns-host"))
        .startsWith("columns-host NHOSTIDEXAMPLE default default");
    assertThat(row("workloaddeployments", "columns")).startsWith("columns 1 ");
  }

  private static List<String> header(String resource, String... extra) {
    CommandResult result = kubectlGet(resource, extra);
    String out = result.stdout().strip();
    return out.isEmpty()
        ? List.of()
        : Arrays.asList(out.lines().findFirst().orElseThrow().trim().split("\\s+"));
  }

  private static String row(String resource, String name) {
    return kubectlGet(resource + "/" + name, "--no-headers")
        .stdout()
        .strip()
        .replaceAll("\\s+", " ");
  }

  private static CommandResult kubectlGet(String resource, String... extra) {
    String[] args =
        Stream.concat(Stream.of("-n", NS, "get", resource), Arrays.stream(extra))
            .toArray(String[]::new);
    CommandResult result = kube.server().kubectl(args);
    assertThat(result.succeeded()).as(result.toString()).isTrue();
    return result;
  }

  private static void assertRejected(ObjectNode manifest, String field) {
    assertThatThrownBy(() -> create(manifest))
        .isInstanceOfSatisfying(
            KubernetesClientException.class,
            e -> {
              assertThat(e.getCode()).as(e.getMessage()).isEqualTo(422);
              assertThat(e.getStatus().getMessage()).contains(field);
            });
  }

  /** Creates the raw manifest, bypassing the Java model, and returns what the server stored. */
  private static JsonNode create(ObjectNode manifest) {
    GenericKubernetesResource resource =
        Serialization.unmarshal(manifest.toString(), GenericKubernetesResource.class);
    GenericKubernetesResource created = kube.client().resource(resource).inNamespace(NS).create();
    return Serialization.jsonMapper().valueToTree(created);
  }

  private static ObjectNode manifest(String sample) throws IOException {
    return (ObjectNode) CrdModelTest.tree(CrdModelTest.sample(sample));
  }

  private static Arguments invalid(String name, String field, Consumer<ObjectNode> breakIt) {
    return Arguments.of(name, field, breakIt);
  }

  private static ObjectNode spec(ObjectNode manifest) {
    return (ObjectNode) manifest.get("spec");
  }

  private static ObjectNode hostInterface(ObjectNode manifest) {
    return (ObjectNode) ((ArrayNode) manifest.at("/spec/template/spec/hostInterfaces")).get(0);
  }

  private static ObjectNode component(ObjectNode manifest) {
    return (ObjectNode) ((ArrayNode) manifest.at("/spec/template/spec/components")).get(0);
  }
}
