package virga.operator.controller.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import virga.crds.v1alpha1.Labels;
import virga.crds.v1alpha1.Workload;
import virga.crds.v1alpha1.WorkloadDeployment;
import virga.crds.v1alpha1.WorkloadReplicaSet;
import virga.crds.v1alpha1.WorkloadReplicaTemplate;
import virga.operator.config.InMemoryConfigSource;
import virga.operator.controller.deployment.DeploymentTemplates;
import virga.operator.controller.replicaset.ReplicaSetWorkloads;
import virga.operator.controller.replicaset.TemplateHash;
import virga.protocol.ProtoJson;
import virga.protocol.manifest.ManifestText;
import virga.protocol.manifest.StandaloneManifest;
import virga.protocol.v2.WorkloadStartRequest;

/**
 * The same YAML, run through the operator's typed chain (deployment, replica set, Workload, start
 * request) and through the standalone host's manifest loader, makes the same start request: the two
 * modes take one path into the host.
 */
class StandaloneParityTest {
  private static final String CONFIG =
      """
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: app-config}
      data: {APP_NAME: demo, LOG_LEVEL: info}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: app-secrets}
      stringData: {API_KEY: sk-1, LOG_LEVEL: secret}
      ---
      apiVersion: v1
      kind: Secret
      metadata: {name: regcred}
      stringData:
        .dockerconfigjson: '{"auths":{"ghcr.io":{"username":"u","password":"p"}}}'
      ---
      apiVersion: runtime.wasmcloud.dev/v1alpha1
      kind: Artifact
      metadata: {name: app-v2}
      spec: {image: ghcr.io/example/app:2.0.0}
      """;

  private static final String DEPLOYMENT =
      """
      apiVersion: runtime.wasmcloud.dev/v1alpha1
      kind: WorkloadDeployment
      metadata: {name: demo, namespace: default}
      spec:
        replicas: 1
        artifacts: [{name: app, artifactFrom: {name: app-v2}}]
        kubernetes: {service: {name: web}}
        template:
          annotations: {team: a}
          labels: {app: demo}
          spec:
            hostSelector: {hostgroup: default}
            hostInterfaces:
              - namespace: wasi
                package: http
                interfaces: [incoming-handler]
                config: {host: demo.local}
              - namespace: wasi
                package: config
                version: 0.2.0-rc.1
                interfaces: [store]
                config: {LOG_LEVEL: inline, ONLY: inline}
                configFrom: [{name: app-config}]
                secretFrom: [{name: app-secrets}]
            components:
              - name: api
                image: artifact://app
                imagePullSecret: {name: regcred}
                imagePullPolicy: IfNotPresent
                poolSize: 4
                maxInvocations: 1000
                maxConcurrency: 8
                localResources:
                  environment:
                    config: {LOG_LEVEL: debug, REGION: eu}
                    configFrom: [{name: app-config}]
                    secretFrom: [{name: app-secrets}]
                  config: {feature: "on"}
                  volumeMounts: [{name: cache, mountPath: /cache}, {name: data, mountPath: /data, readOnly: true}]
                  allowedHosts: ["https://api.example.com", "*.internal:8443"]
                  allowedIpNameLookups: ["*.internal"]
                  allowedHostLoopbackPorts: ["6379/tcp"]
            service:
              image: ghcr.io/example/svc:1.0.0
              maxRestarts: 5
              localResources:
                environment: {config: {PORT: "7777"}}
            volumes:
              - {name: cache, ephemeral: {}}
              - {name: data, hostPath: {path: /var/data}}
      """;

  // maps are written in key order: the API server hands the operator every map sorted by key, and
  // the standalone loader sorts them likewise, but this test reads the YAML with fabric8 directly
  @Test
  void aDeploymentMakesTheSameStartRequestInBothModes() throws Exception {
    InMemoryConfigSource source =
        new InMemoryConfigSource()
            .configMap("default", "app-config", ordered("APP_NAME", "demo", "LOG_LEVEL", "info"))
            .secret("default", "app-secrets", ordered("API_KEY", "sk-1", "LOG_LEVEL", "secret"))
            .secret(
                "default",
                "regcred",
                Map.of(
                    ".dockerconfigjson",
                    "{\"auths\":{\"ghcr.io\":{\"username\":\"u\",\"password\":\"p\"}}}"));
    WorkloadDeployment d = Serialization.unmarshal(DEPLOYMENT, WorkloadDeployment.class);
    WorkloadReplicaTemplate t =
        DeploymentTemplates.resolve(d, Map.of("app", "ghcr.io/example/app:2.0.0"));
    WorkloadReplicaSet rs = DeploymentTemplates.newReplicaSet(d, t, "rs1");
    Workload w = ReplicaSetWorkloads.newWorkload(rs, TemplateHash.of(t.getSpec()), "w1");
    // what differs by design: the cluster names replicas randomly, ids them by UID and marks
    // them with the replica set's generation
    w.getMetadata().setName("demo");
    w.getMetadata().setUid("default/demo");
    w.getMetadata().getAnnotations().remove(Labels.WORKLOAD_REPLICA_SET_GENERATION);
    WorkloadStartRequest cluster = StartRequestBuilder.build(w, source);

    WorkloadStartRequest standalone =
        StandaloneManifest.read(
                "app.yaml",
                List.of(new ManifestText("app.yaml", CONFIG + "---\n" + DEPLOYMENT)),
                List.of())
            .startRequests()
            .get(0);

    assertThat(ProtoJson.encode(standalone)).isEqualTo(ProtoJson.encode(cluster));
    assertThat(
            standalone
                .getWorkload()
                .getWitWorld()
                .getComponents(0)
                .getLocalResources()
                .getEnvironmentMap())
        .containsEntry("LOG_LEVEL", "secret")
        .containsEntry("REGION", "eu");
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      out.put(kv[i], kv[i + 1]);
    }
    return out;
  }
}
