package virga.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static virga.protocol.manifest.StandaloneManifestTest.HELLO;
import static virga.protocol.manifest.StandaloneManifestTest.RECIPE_CONFIG;
import static virga.protocol.manifest.StandaloneManifestTest.RECIPE_DEPLOYMENT;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every problem a user can cause in a manifest, with its exact message. */
class ManifestValidationTest {
  private static final String WD =
      "apiVersion: runtime.wasmcloud.dev/v1alpha1\nkind: WorkloadDeployment\n";

  /** A deployment {@code hello} whose template spec is {@code spec} (indented by 6). */
  private static String deployment(String spec) {
    return WD
        + "metadata: {name: hello}\n"
        + "spec:\n"
        + "  template:\n"
        + "    spec:\n"
        + spec.indent(6);
  }

  private static String problems(String yaml) {
    return problems(List.of(new ManifestText("app.yaml", yaml)), List.of());
  }

  private static String problems(List<ManifestText> manifest, List<ManifestText> config) {
    try {
      StandaloneManifest.read("app.yaml", manifest, config);
    } catch (ManifestException e) {
      assertThat(e.problems()).hasSize(e.getMessage().split("\n").length);
      return e.getMessage();
    }
    throw new AssertionError("the manifest was accepted");
  }

  @Test
  void invalidYamlNamesTheLineAndColumn() {
    assertThat(problems(HELLO.replace("  replicas: 1", "  replicas: 1\n    oops: 2")))
        .isEqualTo(
            "app.yaml:6:9: invalid YAML: mapping values are not allowed here: check the"
                + " indentation and quoting there");
    assertThat(problems("metadata: {name: \"x}\n"))
        .isEqualTo(
            "app.yaml:2:1: invalid YAML: found unexpected end of stream (while scanning a quoted"
                + " scalar at line 1, column 18): check the indentation and quoting there");
  }

  @Test
  void aDuplicateKeyIsRefused() {
    assertThat(
            problems(HELLO.replace("spec:\n  replicas: 1", "spec:\n  replicas: 1\n  replicas: 2")))
        .isEqualTo(
            "app.yaml:6: key \"replicas\" appears twice in this mapping (first on line 5): remove"
                + " one");
  }

  @Test
  void aDocumentMustBeAMapping() {
    assertThat(problems(HELLO + "---\n- a\n- b\n"))
        .isEqualTo(
            "app.yaml:18: a document must be a mapping with apiVersion, kind and metadata, not a"
                + " list: write each object as its own document, separated by ---");
  }

  @Test
  void kindAndApiVersion() {
    assertThat(problems("metadata: {name: x}\n"))
        .isEqualTo(
            "app.yaml:1: the document has no kind: add kind and apiVersion, e.g. kind:"
                + " WorkloadDeployment and apiVersion: runtime.wasmcloud.dev/v1alpha1");
    assertThat(problems("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n"))
        .isEqualTo(
            "app.yaml:2: kind Deployment (apiVersion apps/v1) is not supported by the standalone"
                + " host: use WorkloadDeployment, WorkloadReplicaSet, Workload or Artifact"
                + " (apiVersion runtime.wasmcloud.dev/v1alpha1), or ConfigMap or Secret"
                + " (apiVersion v1)");
    assertThat(problems(HELLO.replace("/v1alpha1", "/v1")))
        .isEqualTo(
            "app.yaml:1: WorkloadDeployment default/hello: apiVersion runtime.wasmcloud.dev/v1 is"
                + " not served for kind WorkloadDeployment: use apiVersion:"
                + " runtime.wasmcloud.dev/v1alpha1");
    assertThat(problems("kind: ConfigMap\nmetadata: {name: x}\n"))
        .isEqualTo("app.yaml:1: ConfigMap default/x: apiVersion is missing: add apiVersion: v1");
  }

  @Test
  void aComponentWithoutImage() {
    assertThat(problems(deployment("components:\n  - name: c\n")))
        .isEqualTo(
            "app.yaml:8: WorkloadDeployment default/hello: spec.template.spec.components[0].image:"
                + " required field missing: add it (OCI reference of the component image, or"
                + " \"artifact://<name>\" to use the image of an entry in the WorkloadDeployment's"
                + " artifacts)");
  }

  @Test
  void metadataAndTemplateAreRequired() {
    assertThat(problems(WD + "spec: {replicas: 1}\n"))
        .isEqualTo(
            "app.yaml:3: WorkloadDeployment without a name: spec.template: required field"
                + " missing: add it (Template for the Workloads of this deployment; a change to"
                + " template.spec rolls out a new WorkloadReplicaSet)\n"
                + "app.yaml:1: WorkloadDeployment without a name: metadata: required field"
                + " missing: add it");
    assertThat(problems(WD + "metadata: {namespace: x}\nspec: {template: {spec: {}}}\n"))
        .isEqualTo(
            "app.yaml:3: WorkloadDeployment without a name: metadata.name: required field"
                + " missing: add it (Name of the object, unique per kind and namespace: lower-case"
                + " letters, digits, '-' and '.', starting and ending with a letter or digit)");
  }

  @Test
  void anInvalidName() {
    assertThat(problems(HELLO.replace("name: hello }", "name: Hello_World }")))
        .isEqualTo(
            "app.yaml:3: WorkloadDeployment default/Hello_World: metadata.name: \"Hello_World\""
                + " is not valid: Name of the object, unique per kind and namespace: lower-case"
                + " letters, digits, '-' and '.', starting and ending with a letter or digit");
  }

  @Test
  void hostInterfaceEntriesNeedNamespacePackageAndInterfaces() {
    String spec =
        """
        components: [{name: c, image: c.wasm}]
        hostInterfaces:
          - package: http
            interfaces: [incoming-handler]
          - namespace: wasi
            interfaces: [store]
          - namespace: wasi
            package: keyvalue
          - namespace: wasi
            package: blobstore
            interfaces: []
        """;
    assertThat(problems(deployment(spec)))
        .isEqualTo(
            "app.yaml:9: WorkloadDeployment default/hello: spec.template.spec.hostInterfaces[0]"
                + ".namespace: required field missing: add it (WIT namespace of the interface"
                + " package, e.g. \"wasi\")\n"
                + "app.yaml:11: WorkloadDeployment default/hello: spec.template.spec"
                + ".hostInterfaces[1].package: required field missing: add it (WIT package name,"
                + " e.g. \"http\")\n"
                + "app.yaml:13: WorkloadDeployment default/hello: spec.template.spec"
                + ".hostInterfaces[2].interfaces: required field missing: add it (Interfaces of the"
                + " package used by the workload, e.g. [\"incoming-handler\"])\n"
                + "app.yaml:17: WorkloadDeployment default/hello: spec.template.spec"
                + ".hostInterfaces[3].interfaces: needs at least 1 item: Interfaces of the package"
                + " used by the workload, e.g. [\"incoming-handler\"]");
  }

  @Test
  void theTwoCelRulesOfHostInterfaces() {
    String duplicate =
        """
        components: [{name: c, image: c.wasm}]
        hostInterfaces:
          - {namespace: wasi, package: http, interfaces: [incoming-handler], name: a}
          - {namespace: wasi, package: keyvalue, interfaces: [store]}
          - {namespace: wasi, package: http, interfaces: [outgoing-handler], name: a}
        """;
    assertThat(problems(deployment(duplicate)))
        .isEqualTo(
            "app.yaml:8: WorkloadDeployment default/hello: spec.template.spec.hostInterfaces:"
                + " hostInterfaces must not contain duplicate entries with the same namespace,"
                + " package, name, and version: entries 0 and 2 are both wasi:http named a; remove"
                + " one or give each its own name");
    String twoUnnamed =
        """
        components: [{name: c, image: c.wasm}]
        hostInterfaces:
          - {namespace: wasi, package: keyvalue, interfaces: [store], version: 0.2.0-draft}
          - {namespace: wasi, package: keyvalue, interfaces: [atomics]}
        """;
    assertThat(problems(deployment(twoUnnamed)))
        .isEqualTo(
            "app.yaml:8: WorkloadDeployment default/hello: spec.template.spec.hostInterfaces: at"
                + " most one unnamed hostInterface is allowed per namespace:package; set a unique"
                + " name to disambiguate multiple imports of the same package (entries 0 and 1 are"
                + " unnamed wasi:keyvalue)");
  }

  @Test
  void unknownFieldsAndWrongTypes() {
    String spec =
        """
        component: []
        components:
          - name: c
            image: c.wasm
            poolSize: "3"
            maxConcurrency: -1
            localResources:
              allowedHosts: [bad host]
              environment: [a]
        hostInterfaces:
          - {namespace: wasi, package: http, interfaces: [incoming-handler], version: 0.10}
          - {namespace: wasi, package: config, interfaces: [store], config: {port: 8080, on: yes}}
        """;
    assertThat(problems(deployment(spec)))
        .isEqualTo(
            String.join(
                "\n",
                "app.yaml:7: WorkloadDeployment default/hello: spec.template.spec.component:"
                    + " unknown field: check the spelling (fields of spec.template.spec:"
                    + " components, environment, hostId, hostInterfaces, hostSelector, kubernetes,"
                    + " service, volumes)",
                "app.yaml:11: WorkloadDeployment default/hello: spec.template.spec.components[0]"
                    + ".poolSize: must be an integer, not the string \"3\": write it without"
                    + " quotes",
                "app.yaml:12: WorkloadDeployment default/hello: spec.template.spec.components[0]"
                    + ".maxConcurrency: -1 is less than 0: use 0 or more",
                "app.yaml:14: WorkloadDeployment default/hello: spec.template.spec.components[0]"
                    + ".localResources.allowedHosts[0]: \"bad host\" is not valid: Outgoing"
                    + " network destinations the component may reach. Accepted forms: \"*\","
                    + " \"host[:port]\", \"scheme://host[:port][/]\", \"*.suffix[:port]\" and"
                    + " \"scheme://*.suffix[:port][/]\". Empty or absent denies all egress;"
                    + " [\"*\"] allows all. Final validation runs in the runtime",
                "app.yaml:15: WorkloadDeployment default/hello: spec.template.spec.components[0]"
                    + ".localResources.environment: must be a mapping, not a list: check the"
                    + " indentation",
                "app.yaml:17: WorkloadDeployment default/hello: spec.template.spec"
                    + ".hostInterfaces[0].version: must be a string, not the number 0.10: quote"
                    + " it, as in \"0.10\"",
                "app.yaml:18: WorkloadDeployment default/hello: spec.template.spec"
                    + ".hostInterfaces[1].config[port]: must be a string, not the number 8080:"
                    + " quote it, as in \"8080\"",
                "app.yaml:18: WorkloadDeployment default/hello: spec.template.spec"
                    + ".hostInterfaces[1].config[on]: must be a string, not the boolean yes: quote"
                    + " it, as in \"yes\""));
  }

  @Test
  void anUnknownTopLevelField() {
    assertThat(problems(HELLO + "labels: {app: hello}\n"))
        .isEqualTo(
            "app.yaml:17: WorkloadDeployment default/hello: labels: unknown field: check the"
                + " spelling (top-level fields: apiVersion, kind, metadata, spec)");
  }

  @Test
  void anEphemeralVolumeTakesNoFields() {
    assertThat(
            problems(
                deployment(
                    "components: [{name: c, image: c.wasm}]\n"
                        + "volumes: [{name: tmp, ephemeral: {sizeLimit: 1Gi}}]\n")))
        .isEqualTo(
            "app.yaml:8: WorkloadDeployment default/hello: spec.template.spec.volumes[0].ephemeral"
                + ".sizeLimit: unknown field: spec.template.spec.volumes[0].ephemeral takes no"
                + " fields; remove it");
  }

  @Test
  void int32RangeAndNegativeReplicas() {
    assertThat(problems(HELLO.replace("replicas: 1", "replicas: 3000000000")))
        .isEqualTo(
            "app.yaml:5: WorkloadDeployment default/hello: spec.replicas: 3000000000 is out of"
                + " range: use a whole number from -2147483648 to 2147483647");
    assertThat(problems(HELLO.replace("replicas: 1", "replicas: -1")))
        .isEqualTo(
            "app.yaml:5: WorkloadDeployment default/hello: spec.replicas: -1 is less than 0: use 0"
                + " or more");
  }

  @Test
  void aWorkloadNeedsSomethingToRun() {
    assertThat(problems(deployment("hostSelector: {hostgroup: default}\n")))
        .isEqualTo(
            "app.yaml:6: WorkloadDeployment default/hello: spec.template.spec: no components and"
                + " no service: add a component (or a service) to run");
  }

  @Test
  void duplicateObjectsAndWorkloadIds() {
    String cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app-config}\n";
    assertThat(
            problems(
                List.of(new ManifestText("app.yaml", HELLO + "---\n" + cm)),
                List.of(new ManifestText("config/cm.yaml", cm))))
        .isEqualTo(
            "config/cm.yaml:1: ConfigMap default/app-config is defined twice (first at"
                + " app.yaml:18): remove or rename one");
    assertThat(problems(HELLO + "---\n" + HELLO))
        .isEqualTo(
            "app.yaml:18: WorkloadDeployment default/hello is defined twice (first at"
                + " app.yaml:1): remove or rename one");
    String workload =
        "apiVersion: runtime.wasmcloud.dev/v1alpha1\nkind: Workload\nmetadata: {name: hello}\n"
            + "spec: {components: [{name: c, image: c.wasm}]}\n";
    assertThat(problems(HELLO + "---\n" + workload))
        .isEqualTo(
            "app.yaml:20: Workload default/hello: makes workload default/hello, as"
                + " WorkloadDeployment default/hello at app.yaml:1 does: rename one");
  }

  @Test
  void secretDataMustBeBase64() {
    assertThat(
            problems(
                "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n"
                    + "data:\n  OK: aGk=\n  API_KEY: hunter2!\n---\n"
                    + HELLO))
        .isEqualTo(
            "app.yaml:6: Secret default/s: data[API_KEY]: not valid base64: encode the value with"
                + " base64, or put it as plain text under stringData");
  }

  @Test
  void missingConfigMapsSecretsAndPullSecrets() {
    String spec =
        """
        components:
          - name: c
            image: ghcr.io/a/c:1
            imagePullSecret: {name: regcred}
            localResources:
              environment:
                configFrom: [{name: app-config}]
                secretFrom: [{name: app-secrets}]
        hostInterfaces:
          - {namespace: wasi, package: config, interfaces: [store], configFrom: [{name: hi}]}
        """;
    assertThat(problems(deployment(spec)))
        .isEqualTo(
            String.join(
                "\n",
                "app.yaml:16: WorkloadDeployment default/hello: spec.template.spec"
                    + ".hostInterfaces[0].configFrom[0]: ConfigMap default/hi not found: add a"
                    + " ConfigMap named hi in namespace default to the manifest or a config path,"
                    + " or remove it from configFrom",
                "app.yaml:10: WorkloadDeployment default/hello: spec.template.spec.components[0]"
                    + ".imagePullSecret: Secret default/regcred not found: add a Secret of type"
                    + " kubernetes.io/dockerconfigjson named regcred in namespace default to the"
                    + " manifest or a config path, or remove imagePullSecret",
                "app.yaml:13: WorkloadDeployment default/hello: spec.template.spec.components[0]"
                    + ".localResources.environment.configFrom[0]: ConfigMap default/app-config"
                    + " not found: add a ConfigMap named app-config in namespace default to the"
                    + " manifest or a config path, or remove it from configFrom",
                "app.yaml:14: WorkloadDeployment default/hello: spec.template.spec.components[0]"
                    + ".localResources.environment.secretFrom[0]: Secret default/app-secrets not"
                    + " found: add a Secret named app-secrets in namespace default to the manifest"
                    + " or a config path, or remove it from secretFrom"));
  }

  @Test
  void configIsLookedUpInTheWorkloadsNamespace() {
    assertThat(
            problems(
                RECIPE_CONFIG
                    + "---\n"
                    + RECIPE_DEPLOYMENT.replace(
                        "name: config-demo", "name: config-demo\n  namespace: prod")))
        .startsWith(
            "app.yaml:39: WorkloadDeployment prod/config-demo: spec.template.spec.components[0]"
                + ".localResources.environment.configFrom[0]: ConfigMap prod/app-config not"
                + " found");
  }

  @Test
  void aPullSecretMustHoldADockerConfig() {
    String spec =
        """
        components:
          - {name: c, image: ghcr.io/a/c:1, imagePullSecret: {name: regcred}}
        """;
    assertThat(
            problems(
                "apiVersion: v1\nkind: Secret\nmetadata: {name: regcred}\n"
                    + "stringData: {password: hunter2}\n---\n"
                    + deployment(spec)))
        .isEqualTo(
            "app.yaml:13: WorkloadDeployment default/hello: spec.template.spec.components[0]"
                + ".imagePullSecret: Secret default/regcred has no .dockerconfigjson key: give it"
                + " the type kubernetes.io/dockerconfigjson and a .dockerconfigjson key");
  }

  @Test
  void artifacts() {
    assertThat(problems(deployment("components: [{name: c, image: \"artifact://app\"}]\n")))
        .isEqualTo(
            "app.yaml:7: WorkloadDeployment default/hello: spec.template.spec.components[0].image:"
                + " artifact://app names no entry of spec.artifacts: add one with name: app and"
                + " artifactFrom.name: <an Artifact>");
    assertThat(
            problems(
                WD
                    + "metadata: {name: hello}\n"
                    + "spec:\n"
                    + "  artifacts: [{name: app, artifactFrom: {name: app-v1}}]\n"
                    + "  template:\n"
                    + "    spec:\n"
                    + "      components: [{name: c, image: \"artifact://app\"}]\n"))
        .isEqualTo(
            "app.yaml:5: WorkloadDeployment default/hello: spec.artifacts[0].artifactFrom:"
                + " Artifact default/app-v1 not found: add an Artifact named app-v1 with spec.image"
                + " to the manifest");
    assertThat(
            problems(
                "apiVersion: runtime.wasmcloud.dev/v1alpha1\nkind: Workload\nmetadata: {name: w}\n"
                    + "spec:\n  service: {image: \"artifact://app\"}\n"))
        .isEqualTo(
            "app.yaml:5: Workload default/w: spec.service.image: artifact://app: artifact://"
                + " images are resolved only through a WorkloadDeployment's spec.artifacts: use"
                + " the image reference itself");
  }

  @Test
  void aConfigPathHoldsOnlyConfigMapsAndSecrets() {
    assertThat(
            problems(
                List.of(new ManifestText("app.yaml", RECIPE_DEPLOYMENT)),
                List.of(new ManifestText("config/all.yaml", RECIPE_CONFIG + "---\n" + HELLO))))
        .isEqualTo(
            "config/all.yaml:19: WorkloadDeployment default/hello: a config path holds only"
                + " ConfigMaps and Secrets: move it into the manifest");
  }

  @Test
  void aManifestWithoutWorkloads() {
    assertThat(problems(RECIPE_CONFIG))
        .isEqualTo(
            "app.yaml: no WorkloadDeployment, WorkloadReplicaSet or Workload found: add one to"
                + " run");
    assertThat(problems("# nothing here\n---\n"))
        .isEqualTo(
            "app.yaml: no WorkloadDeployment, WorkloadReplicaSet or Workload found: add one to"
                + " run");
  }

  @Test
  void aliasesAreRefused() {
    assertThat(
            problems(
                HELLO.replace("{ hostgroup: default }", "&sel { hostgroup: default }")
                    + "---\n"
                    + "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: *sel\n"))
        .isEqualTo("app.yaml:21: YAML aliases (*sel) are not supported: write the value out");
  }

  @Test
  void problemsOfEveryFileAreReportedTogether() {
    assertThat(
            problems(
                List.of(
                    new ManifestText("a.yaml", "kind: [\n"),
                    new ManifestText("b.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n")),
                List.of()))
        .isEqualTo(
            "a.yaml:2:1: invalid YAML: expected the node content, but found '<stream end>'"
                + " (while parsing a flow node at line 2, column 1): check the indentation and"
                + " quoting there\n"
                + "b.yaml:2: kind Pod (apiVersion v1) is not supported by the standalone host: use"
                + " WorkloadDeployment, WorkloadReplicaSet, Workload or Artifact (apiVersion"
                + " runtime.wasmcloud.dev/v1alpha1), or ConfigMap or Secret (apiVersion v1)");
  }

  @Test
  void missingFilesAndEmptyDirectories(@TempDir Path dir) throws Exception {
    assertThatThrownBy(() -> StandaloneManifest.load(dir.resolve("nope.yaml"), List.of()))
        .isInstanceOf(ManifestException.class)
        .hasMessage(dir.resolve("nope.yaml") + ": no such file or directory: check the path");
    assertThatThrownBy(() -> StandaloneManifest.load(dir, List.of()))
        .hasMessage(
            dir + ": no .yaml, .yml or .json file in this directory: add one or name the file");
    Path manifest = Files.writeString(dir.resolve("app.yaml"), HELLO);
    Files.write(dir.resolve("bad.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
    assertThatThrownBy(() -> StandaloneManifest.load(manifest, List.of(dir.resolve("bad.yaml"))))
        .hasMessage(dir.resolve("bad.yaml") + ": not UTF-8 text: save the manifest as UTF-8");
  }
}
