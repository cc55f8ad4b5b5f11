package virga.protocol.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.protocol.ProtoJson;
import virga.protocol.Protocol;
import virga.protocol.v2.WorkloadStartRequest;

class StandaloneManifestTest {
  /** Appendix A of the reference: {@code runtime-operator/config/samples/deployment.yaml}. */
  static final String HELLO =
      """
      apiVersion: runtime.wasmcloud.dev/v1alpha1
      kind: WorkloadDeployment
      metadata: { name: hello }
      spec:
        replicas: 1
        template:
          spec:
            hostSelector: { hostgroup: default }
            hostInterfaces:
              - namespace: wasi
                package: http
                interfaces: [incoming-handler]
                config: { host: hello.localhost.direct }
            components:
              - name: hello-world
                image: ghcr.io/wasmcloud/components/http-hello-world-rust:0.1.0
      """;

  /** Appendix A: {@code messaging.yaml}, with the metadata the abridged copy leaves out. */
  static final String MESSAGING =
      """
      apiVersion: runtime.wasmcloud.dev/v1alpha1
      kind: WorkloadDeployment
      metadata:
        name: messaging-echo
      spec:
        replicas: 1
        template:
          spec:
            hostSelector:
              hostgroup: default
            hostInterfaces:
              - namespace: wasmcloud
                package: messaging
                version: "0.2.0"
                interfaces: [handler]
                config: { subscriptions: "test.echo" }
            components:
              - name: messaging-echo
                image: ghcr.io/wasmcloud/components/messaging-echo-rust:0.1.0
      """;

  /** The ConfigMap and Secret of the config-injection recipe (reference §5.4). */
  static final String RECIPE_CONFIG =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: app-config
      data:
        APP_NAME: config-demo
        LOG_LEVEL: info
        UPSTREAM_URL: https://api.example.com
      ---
      apiVersion: v1
      kind: Secret
      metadata:
        name: app-secrets
      type: Opaque
      stringData:
        API_KEY: sk-test-1234
        DB_PASSWORD: s3cr3t
      """;

  /** The WorkloadDeployment of the config-injection recipe (reference §5.4). */
  static final String RECIPE_DEPLOYMENT =
      """
      apiVersion: runtime.wasmcloud.dev/v1alpha1
      kind: WorkloadDeployment
      metadata:
        name: config-demo
      spec:
        replicas: 1
        template:
          spec:
            hostSelector:
              hostgroup: default
            components:
              - name: http-component
                image: ghcr.io/example/config-demo:0.1.0
                localResources:
                  environment:
                    config:
                      REGION: us-east-1
                      LOG_LEVEL: debug
                    configFrom:
                      - name: app-config
                    secretFrom:
                      - name: app-secrets
            hostInterfaces:
              - namespace: wasi
                package: http
                interfaces:
                  - incoming-handler
                config:
                  host: localhost
      """;

  static StandaloneManifest read(String yaml) throws ManifestException {
    return StandaloneManifest.read(
        "app.yaml", List.of(new ManifestText("app.yaml", yaml)), List.of());
  }

  static String json(StandaloneManifest m) {
    assertThat(m.startRequests()).hasSize(1);
    return ProtoJson.encode(m.startRequests().get(0));
  }

  static String q(String singleQuoted) {
    return singleQuoted.replace('\'', '"');
  }

  @Test
  void theSampleDeploymentBecomesTheStartRequestTheOperatorSends() throws Exception {
    StandaloneManifest m = read(HELLO);

    assertThat(json(m))
        .isEqualTo(
            q(
                "{'workload':{'namespace':'default','name':'hello',"
                    + "'annotations':{'virga.dev/deployment':'hello'},'witWorld':{"
                    + "'components':[{'image':'ghcr.io/wasmcloud/components/"
                    + "http-hello-world-rust:0.1.0','localResources':{},'name':'hello-world'}],"
                    + "'hostInterfaces':[{'namespace':'wasi','package':'http',"
                    + "'interfaces':['incoming-handler'],"
                    + "'config':{'host':'hello.localhost.direct'}}]}},"
                    + "'workloadId':'default/hello'}"));
    assertThat(m.warnings()).isEmpty();
  }

  @Test
  void theMessagingSampleKeepsItsInterfaceVersion() throws Exception {
    assertThat(json(read(MESSAGING)))
        .isEqualTo(
            q(
                "{'workload':{'namespace':'default','name':'messaging-echo',"
                    + "'annotations':{'virga.dev/deployment':'messaging-echo'},'witWorld':{"
                    + "'components':[{'image':'ghcr.io/wasmcloud/components/"
                    + "messaging-echo-rust:0.1.0','localResources':{},'name':'messaging-echo'}],"
                    + "'hostInterfaces':[{'namespace':'wasmcloud','package':'messaging',"
                    + "'version':'0.2.0','interfaces':['handler'],"
                    + "'config':{'subscriptions':'test.echo'}}]}},"
                    + "'workloadId':'default/messaging-echo'}"));
  }

  @Test
  void theConfigInjectionRecipeMergesInlineConfigMapAndSecretInThatOrder() throws Exception {
    StandaloneManifest m = read(RECIPE_CONFIG + "---\n" + RECIPE_DEPLOYMENT);

    // LOG_LEVEL: the ConfigMap's info beats the inline debug, as the recipe's outcome table says;
    // each map comes in key order, as the API server hands it to the operator
    assertThat(json(m))
        .isEqualTo(
            q(
                "{'workload':{'namespace':'default','name':'config-demo',"
                    + "'annotations':{'virga.dev/deployment':'config-demo'},'witWorld':{"
                    + "'components':[{'image':'ghcr.io/example/config-demo:0.1.0',"
                    + "'localResources':{'environment':{'LOG_LEVEL':'info','REGION':'us-east-1',"
                    + "'APP_NAME':'config-demo','UPSTREAM_URL':'https://api.example.com',"
                    + "'API_KEY':'sk-test-1234','DB_PASSWORD':'s3cr3t'}},"
                    + "'name':'http-component'}],"
                    + "'hostInterfaces':[{'namespace':'wasi','package':'http',"
                    + "'interfaces':['incoming-handler'],'config':{'host':'localhost'}}]}},"
                    + "'workloadId':'default/config-demo'}"));
  }

  @Test
  void configMapsAndSecretsMayComeFromAConfigFileOrDirectory(@TempDir Path dir) throws Exception {
    Path manifest = Files.writeString(dir.resolve("app.yaml"), RECIPE_DEPLOYMENT);
    Path configDir = Files.createDirectory(dir.resolve("config"));
    String[] docs = RECIPE_CONFIG.split("---\n");
    Files.writeString(configDir.resolve("1-app-config.yaml"), docs[0]);
    Files.writeString(configDir.resolve("2-app-secrets.yml"), docs[1]);
    Files.writeString(configDir.resolve("README.md"), "not a manifest");

    String fromDir = json(StandaloneManifest.load(manifest, List.of(configDir)));
    String fromFiles =
        json(
            StandaloneManifest.load(
                manifest,
                List.of(
                    configDir.resolve("1-app-config.yaml"),
                    configDir.resolve("2-app-secrets.yml"))));
    String inline = json(read(RECIPE_CONFIG + "---\n" + RECIPE_DEPLOYMENT));

    assertThat(fromDir).isEqualTo(inline).contains("'LOG_LEVEL':'info'".replace('\'', '"'));
    assertThat(fromFiles).isEqualTo(inline);
  }

  @Test
  void aManifestDirectoryIsEveryYamlFileInNameOrder(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("b-hello.yaml"), HELLO);
    Files.writeString(dir.resolve("a-messaging.yml"), MESSAGING);
    Files.writeString(
        dir.resolve("c-config.json"),
        q("{'apiVersion':'v1','kind':'ConfigMap','metadata':{'name':'cm'},'data':{'k':'v'}}"));
    Files.createDirectory(dir.resolve("d-nested.yaml"));

    List<String> ids =
        StandaloneManifest.load(dir, List.of()).startRequests().stream()
            .map(WorkloadStartRequest::getWorkloadId)
            .toList();

    assertThat(ids).containsExactly("default/messaging-echo", "default/hello");
  }

  @Test
  void secretDataIsBase64DecodedAndStringDataWinsOverIt() throws Exception {
    String b64 = Base64.getEncoder().encodeToString("grüße".getBytes(StandardCharsets.UTF_8));
    StandaloneManifest m =
        read(
            """
            apiVersion: v1
            kind: Secret
            metadata: {name: s, namespace: team-a}
            data:
              GREETING: %s
              TOKEN: ZnJvbS1kYXRh
            stringData:
              TOKEN: from-stringData
            ---
            apiVersion: runtime.wasmcloud.dev/v1alpha1
            kind: Workload
            metadata: {name: w, namespace: team-a}
            spec:
              components:
                - name: c
                  image: c.wasm
                  localResources:
                    environment:
                      secretFrom: [{name: s}]
            """
                .formatted(b64));

    assertThat(
            m.startRequests()
                .get(0)
                .getWorkload()
                .getWitWorld()
                .getComponents(0)
                .getLocalResources()
                .getEnvironmentMap())
        .containsExactly(Map.entry("GREETING", "grüße"), Map.entry("TOKEN", "from-stringData"));
    assertThat(m.startRequests().get(0).getWorkloadId()).isEqualTo("team-a/w");
  }

  @Test
  void precedenceAcrossSeveralConfigMapsAndSecretsFollowsListOrder() throws Exception {
    StandaloneManifest m =
        read(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm1}
            data: {a: cm1, b: cm1, c: cm1, d: cm1}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm2}
            data: {b: cm2, c: cm2, d: cm2}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: s1}
            stringData: {c: s1, d: s1}
            ---
            apiVersion: v1
            kind: Secret
            metadata: {name: s2}
            stringData: {d: s2}
            ---
            apiVersion: runtime.wasmcloud.dev/v1alpha1
            kind: Workload
            metadata: {name: w}
            spec:
              hostInterfaces:
                - namespace: wasi
                  package: config
                  interfaces: [store]
                  config: {z: inline, a: inline}
                  secretFrom: [{name: s1}, {name: s2}]
                  configFrom: [{name: cm1}, {name: cm2}]
              components:
                - {name: c, image: c.wasm}
            """);

    assertThat(
            m.startRequests()
                .get(0)
                .getWorkload()
                .getWitWorld()
                .getHostInterfaces(0)
                .getConfigMap())
        .containsExactly(
            Map.entry("a", "cm1"),
            Map.entry("z", "inline"),
            Map.entry("b", "cm2"),
            Map.entry("c", "s1"),
            Map.entry("d", "s2"));
  }

  @Test
  void replicasMakeNumberedWorkloadsEachWithTheTemplateAnnotationsAndTheDeploymentName()
      throws Exception {
    StandaloneManifest m =
        read(
            """
            apiVersion: runtime.wasmcloud.dev/v1alpha1
            kind: WorkloadDeployment
            metadata:
              name: web
              namespace: shop
              annotations: {only-on: the-deployment}
            spec:
              replicas: 3
              template:
                annotations: {team: a}
                labels: {app: web}
                spec:
                  components: [{name: c, image: c.wasm}]
            """);

    assertThat(m.startRequests())
        .extracting(WorkloadStartRequest::getWorkloadId)
        .containsExactly("shop/web-1", "shop/web-2", "shop/web-3");
    assertThat(m.startRequests())
        .extracting(r -> r.getWorkload().getName())
        .containsExactly("web-1", "web-2", "web-3");
    assertThat(m.startRequests().get(2).getWorkload().getAnnotationsMap())
        .containsOnly(Map.entry("team", "a"), Map.entry(Protocol.DEPLOYMENT_ANNOTATION, "web"));
  }

  @Test
  void zeroReplicasRunNothingAndSaySo() throws Exception {
    StandaloneManifest m = read(HELLO.replace("replicas: 1", "replicas: 0") + "---\n" + MESSAGING);

    assertThat(m.startRequests())
        .extracting(WorkloadStartRequest::getWorkloadId)
        .containsExactly("default/messaging-echo");
    assertThat(m.warnings())
        .containsExactly(
            "app.yaml:5: WorkloadDeployment default/hello: spec.replicas: 0 replicas: nothing to"
                + " run");
  }

  @Test
  void aWorkloadKeepsItsNameAndAnnotationsButNotThePrivateOnes() throws Exception {
    StandaloneManifest m =
        read(
            """
            apiVersion: runtime.wasmcloud.dev/v1alpha1
            kind: Workload
            metadata:
              name: api
              namespace: prod
              annotations:
                team: a
                kubectl.kubernetes.io/last-applied-configuration: "{}"
            spec:
              hostInterfaces:
                - {namespace: wasi, package: http, interfaces: [incoming-handler], config: {host: api.local}}
              components: [{name: c, image: c.wasm, poolSize: 2, imagePullPolicy: Never}]
              kubernetes: {service: {name: api-svc}}
            """);

    assertThat(json(m))
        .isEqualTo(
            q(
                "{'workload':{'namespace':'prod','name':'api','annotations':{'team':'a'},"
                    + "'witWorld':{'components':[{'image':'c.wasm','localResources':{},"
                    + "'poolSize':2,'name':'c','imagePullPolicy':'IMAGE_PULL_POLICY_NEVER'}],"
                    + "'hostInterfaces':[{'namespace':'wasi','package':'http',"
                    + "'interfaces':['incoming-handler'],'config':{'host':'api.local',"
                    + "'host-aliases':'api-svc.prod,api-svc.prod.svc'}}]}},"
                    + "'workloadId':'prod/api'}"));
  }

  @Test
  void aDeploymentCopiesItsKubernetesServiceAndResolvesArtifacts() throws Exception {
    StandaloneManifest m =
        read(
            """
            apiVersion: runtime.wasmcloud.dev/v1alpha1
            kind: Artifact
            metadata: {name: hello-v2}
            spec: {image: ghcr.io/example/hello:2.0.0}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {ports: [{port: 80}]}
            ---
            apiVersion: runtime.wasmcloud.dev/v1alpha1
            kind: WorkloadDeployment
            metadata: {name: hello}
            spec:
              artifacts:
                - {name: hello, artifactFrom: {name: hello-v2}}
              kubernetes: {service: {name: web}}
              template:
                spec:
                  hostInterfaces:
                    - {namespace: wasi, package: http, interfaces: [incoming-handler]}
                  components: [{name: c, image: "artifact://hello"}]
                  service: {image: "artifact://hello", maxRestarts: 2}
            """);

    var w = m.startRequests().get(0).getWorkload();
    assertThat(w.getWitWorld().getComponents(0).getImage())
        .isEqualTo("ghcr.io/example/hello:2.0.0");
    assertThat(w.getService().getImage()).isEqualTo("ghcr.io/example/hello:2.0.0");
    assertThat(w.getService().getMaxRestarts()).isEqualTo(2);
    assertThat(w.getWitWorld().getHostInterfaces(0).getConfigMap())
        .containsExactly(Map.entry("host-aliases", "web.default,web.default.svc"));
    assertThat(m.warnings())
        .containsExactly(
            "app.yaml:6: Service default/web ignored: the standalone host has no Kubernetes"
                + " Services; spec.kubernetes.service still adds its DNS names to host-aliases");
  }

  @Test
  void aReplicaSetWorksLikeADeployment() throws Exception {
    StandaloneManifest m =
        read(
            """
            apiVersion: runtime.wasmcloud.dev/v1alpha1
            kind: WorkloadReplicaSet
            metadata: {name: rs}
            spec:
              template:
                spec:
                  components: [{name: c, image: c.wasm}]
                  volumes: [{name: tmp, ephemeral: {}}]
            """);
    assertThat(json(m))
        .isEqualTo(
            q(
                "{'workload':{'namespace':'default','name':'rs','witWorld':{'components':["
                    + "{'image':'c.wasm','localResources':{},'name':'c'}]},"
                    + "'volumes':[{'name':'tmp','emptyDir':{}}]},'workloadId':'default/rs'}"));
  }

  @Test
  void jsonManifestsAndNullFieldsAreAcceptedAsKubectlAcceptsThem() throws Exception {
    StandaloneManifest m =
        read(
            q(
                "{'apiVersion':'runtime.wasmcloud.dev/v1alpha1','kind':'Workload',"
                    + "'metadata':{'name':'w','annotations':null},"
                    + "'spec':{'components':[{'name':'c','image':'c.wasm','poolSize':null}],"
                    + "'hostInterfaces':null},'status':{'hostId':'anything'}}"));
    assertThat(json(m))
        .isEqualTo(
            q(
                "{'workload':{'namespace':'default','name':'w','witWorld':{'components':["
                    + "{'image':'c.wasm','localResources':{},'name':'c'}]}},"
                    + "'workloadId':'default/w'}"));
  }

  @Test
  void binaryDataIsReportedAsUnused() throws Exception {
    StandaloneManifest m =
        read(
            """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: cm}
            binaryData: {logo: aGk=}
            ---
            """
                + HELLO);
    assertThat(m.warnings())
        .containsExactly(
            "app.yaml:4: ConfigMap default/cm: binaryData: not passed to workloads: wasmCloud"
                + " reads only data");
  }
}
