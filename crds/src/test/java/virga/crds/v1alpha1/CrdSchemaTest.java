package virga.crds.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated CRDs carry wasmCloud's schema details: columns, subresources, rules, defaults. */
class CrdSchemaTest {

  private static final String READY = ".status.conditions[?(@.type==\"Ready\")].status";
  private static final String AGE = ".metadata.creationTimestamp";

  @Test
  void printerColumnsMatchWasmCloudInOrder() throws IOException {
    assertThat(columns("workloaddeployments"))
        .containsExactly(
            tuple("REPLICAS", ".spec.replicas", "integer"),
            tuple("READY", READY, "string"),
            tuple("AGE", AGE, "date"));
    assertThat(columns("workloadreplicasets"))
        .containsExactly(
            tuple("REPLICAS", ".spec.replicas", "integer"),
            tuple("READY", READY, "string"),
            tuple("AGE", AGE, "date"));
    assertThat(columns("workloads"))
        .containsExactly(
            tuple("HOSTID", ".status.hostId", "string"),
            tuple("ENVIRONMENT", ".status.environment", "string"),
            tuple("READY", READY, "string"),
            tuple("AGE", AGE, "date"));
    assertThat(columns("hosts"))
        .containsExactly(
            tuple("HOSTID", ".hostId", "string"),
            tuple("HOSTGROUP", ".metadata.labels.hostgroup", "string"),
            tuple("ENVIRONMENT", ".environment", "string"),
            tuple("READY", READY, "string"),
            tuple("AGE", AGE, "date"));
    assertThat(columns("artifacts")).isEmpty();
  }

  @Test
  void everyKindIsNamespacedWithStatusAndOnlyDeploymentsScale() throws IOException {
    for (String plural : plurals()) {
      CustomResourceDefinition crd = crd(plural);
      CustomResourceDefinitionVersion v = crd.getSpec().getVersions().get(0);
      assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
      assertThat(v.getName()).isEqualTo("v1alpha1");
      assertThat(v.getSubresources().getStatus()).as(plural + " /status").isNotNull();
      assertThat(v.getSubresources().getScale() != null)
          .as(plural + " /scale")
          .isEqualTo(plural.equals("workloaddeployments"));
    }
    var scale = version("workloaddeployments").getSubresources().getScale();
    assertThat(scale.getSpecReplicasPath()).isEqualTo(".spec.replicas");
    assertThat(scale.getStatusReplicasPath()).isEqualTo(".status.currentReplicas");
    assertThat(scale.getLabelSelectorPath()).isEqualTo(".status.selector");
    assertThat(crd("workloads").getSpec().getNames().getShortNames()).containsExactly("ww");
  }

  @Test
  void hostHasRootFieldsAndNoSpec() throws IOException {
    JSONSchemaProps root = schema("hosts");

    assertThat(root.getProperties())
        .containsOnlyKeys("hostId", "hostname", "httpPort", "environment", "status");
    assertThat(root.getRequired()).containsExactly("hostId");
    assertThat(root.getProperties().get("httpPort").getMinimum()).isZero();
    assertThat(root.getProperties().get("status").getRequired())
        .containsExactlyInAnyOrder(
            "osArch",
            "osKernel",
            "osName",
            "systemCPUUsage",
            "systemMemoryFree",
            "systemMemoryTotal",
            "version");
  }

  @Test
  void deploymentDefaultsAndRequiredFields() throws IOException {
    JSONSchemaProps spec = schema("workloaddeployments").getProperties().get("spec");

    assertThat(spec.getProperties().get("replicas").getDefault().asInt()).isEqualTo(1);
    assertThat(spec.getProperties().get("replicas").getFormat()).isIn(null, "int32");
    assertThat(spec.getProperties().get("deployPolicy").getDefault().asText())
        .isEqualTo("RollingUpdate");
    assertThat(spec.getRequired()).containsExactly("template");
    assertThat(spec.getProperties().get("template").getRequired()).containsExactly("spec");
  }

  @Test
  void hostInterfacesCarryWasmCloudValidation() throws IOException {
    JSONSchemaProps hostInterfaces = workloadSpec().getProperties().get("hostInterfaces");
    JSONSchemaProps item = hostInterfaces.getItems().getSchema();

    assertThat(hostInterfaces.getMaxItems()).isEqualTo(64L);
    assertThat(item.getRequired()).containsExactlyInAnyOrder("namespace", "package", "interfaces");
    assertThat(item.getProperties().get("name").getPattern()).isEqualTo("^[a-z0-9][a-z0-9-]*$");
    assertThat(item.getProperties().get("name").getMaxLength()).isEqualTo(64L);
    assertThat(item.getProperties().get("namespace").getMaxLength()).isEqualTo(128L);
    assertThat(item.getProperties().get("package").getMaxLength()).isEqualTo(128L);
    assertThat(item.getProperties().get("version").getMaxLength()).isEqualTo(64L);
    assertThat(item.getProperties().get("interfaces").getMinItems()).isEqualTo(1L);
    assertThat(item.getProperties()).containsKeys("config", "configFrom", "secretFrom");
    assertThat(hostInterfaces.getXKubernetesValidations())
        .extracting(ValidationRule::getRule, ValidationRule::getMessage)
        .containsExactly(
            tuple(
                "self.all(x, self.exists_one(y, y.__namespace__ == x.__namespace__ &&"
                    + " y.__package__ == x.__package__ && (has(y.name) ? y.name : '') =="
                    + " (has(x.name) ? x.name : '') && (has(y.version) ? y.version : '') =="
                    + " (has(x.version) ? x.version : '')))",
                "hostInterfaces must not contain duplicate entries with the same namespace,"
                    + " package, name, and version"),
            tuple(
                "self.all(x, (has(x.name) && x.name != '') || self.filter(y, y.__namespace__"
                    + " == x.__namespace__ && y.__package__ == x.__package__ && !(has(y.name)"
                    + " && y.name != '')).size() == 1)",
                "at most one unnamed hostInterface is allowed per namespace:package; set a"
                    + " unique name to disambiguate multiple imports of the same package"));
  }

  @Test
  void localResourcesListsHaveItemPatternsAndCountersAreNonNegative() throws IOException {
    JSONSchemaProps component =
        workloadSpec().getProperties().get("components").getItems().getSchema();
    Map<String, JSONSchemaProps> local =
        component.getProperties().get("localResources").getProperties();

    assertThat(local.get("allowedHostLoopbackPorts").getItems().getSchema().getPattern())
        .isEqualTo("^[0-9]{1,5}(/(tcp|udp|TCP|UDP))?$");
    assertThat(local.get("allowedHosts").getItems().getSchema().getPattern()).startsWith("^\\*$|");
    assertThat(local.get("allowedIpNameLookups").getItems().getSchema().getPattern())
        .endsWith("|^[0-9A-Fa-f:.]+$");
    for (String counter : List.of("poolSize", "maxInvocations", "maxConcurrency")) {
      assertThat(component.getProperties().get(counter).getMinimum()).as(counter).isZero();
    }
    assertThat(component.getRequired()).containsExactlyInAnyOrder("name", "image");
  }

  @Test
  void everyFieldHasADescriptionAndNoStringDefaultsToEmpty() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String plural : plurals()) {
      for (Map.Entry<String, JSONSchemaProps> top : schema(plural).getProperties().entrySet()) {
        // spec and status come from fabric8's CustomResource and describe themselves by kind
        boolean inherited = top.getKey().equals("spec") || top.getKey().equals("status");
        walk(plural + "." + top.getKey(), top.getValue(), !inherited, problems);
      }
    }
    assertThat(problems).isEmpty();
  }

  private static void walk(
      String path, JSONSchemaProps p, boolean needsDescription, List<String> problems) {
    if (needsDescription && (p.getDescription() == null || p.getDescription().isBlank())) {
      problems.add(path + " has no description");
    }
    if (p.getDefault() != null && p.getDefault().isTextual() && p.getDefault().asText().isEmpty()) {
      problems.add(path + " defaults to \"\" (Kubernetes 1.20 refuses it)");
    }
    if (p.getProperties() != null) {
      p.getProperties().forEach((k, v) -> walk(path + "." + k, v, true, problems));
    }
    if (p.getItems() != null && p.getItems().getSchema() != null) {
      walk(path + "[]", p.getItems().getSchema(), false, problems);
    }
  }

  private static JSONSchemaProps workloadSpec() throws IOException {
    return schema("workloaddeployments")
        .getProperties()
        .get("spec")
        .getProperties()
        .get("template")
        .getProperties()
        .get("spec");
  }

  private static List<String> plurals() {
    return List.of("artifacts", "hosts", "workloads", "workloadreplicasets", "workloaddeployments");
  }

  private static List<org.assertj.core.groups.Tuple> columns(String plural) throws IOException {
    List<CustomResourceColumnDefinition> cols = version(plural).getAdditionalPrinterColumns();
    return cols == null
        ? List.of()
        : cols.stream().map(c -> tuple(c.getName(), c.getJsonPath(), c.getType())).toList();
  }

  private static JSONSchemaProps schema(String plural) throws IOException {
    return version(plural).getSchema().getOpenAPIV3Schema();
  }

  private static CustomResourceDefinitionVersion version(String plural) throws IOException {
    return crd(plural).getSpec().getVersions().get(0);
  }

  static CustomResourceDefinition crd(String plural) throws IOException {
    String resource = "META-INF/fabric8/" + plural + ".runtime.wasmcloud.dev-v1.yml";
    assertThat(RuntimeApi.CRD_RESOURCES).contains(resource);
    try (InputStream in = CrdSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return Serialization.unmarshal(in, CustomResourceDefinition.class);
    }
  }
}
