package virga.operator.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Renders charts/virga with default values and the ci/ variants and checks the objects. */
class ChartRenderTest {
  private static final String OPERATOR = "v-virga-operator";

  /** What the operator's code calls (operator/README.md, RBAC), as group/resource -> verbs. */
  private static final Map<String, String> WORKLOAD_RULES =
      new TreeMap<>(
          Map.ofEntries(
              entry("runtime.wasmcloud.dev/workloads", "get,list,watch,create,patch,delete"),
              entry(
                  "runtime.wasmcloud.dev/workloadreplicasets",
                  "get,list,watch,create,patch,delete"),
              entry("runtime.wasmcloud.dev/workloaddeployments", "get,list,watch"),
              entry("runtime.wasmcloud.dev/artifacts", "get,list,watch"),
              entry("runtime.wasmcloud.dev/workloads/status", "patch"),
              entry("runtime.wasmcloud.dev/workloadreplicasets/status", "patch"),
              entry("runtime.wasmcloud.dev/workloaddeployments/status", "patch"),
              entry("runtime.wasmcloud.dev/artifacts/status", "patch"),
              entry("runtime.wasmcloud.dev/workloaddeployments/finalizers", "update"),
              entry("runtime.wasmcloud.dev/workloadreplicasets/finalizers", "update"),
              entry("/configmaps", "get,list,watch"),
              entry("/secrets", "get,list,watch"),
              entry("/services", "get,list,watch"),
              entry("/services/finalizers", "update"),
              entry("discovery.k8s.io/endpointslices", "list,create,update,delete"),
              entry("/pods", "get,list,watch,patch"),
              entry("/events", "create")));

  private static final Map<String, String> HOST_RULES =
      new TreeMap<>(
          Map.of(
              "runtime.wasmcloud.dev/hosts", "get,list,watch,create,patch,delete",
              "runtime.wasmcloud.dev/hosts/status", "patch",
              "coordination.k8s.io/leases", "get,create,update,patch",
              "/pods", "get,list,watch,patch",
              "/events", "create"));

  private static Helm helm;

  @BeforeAll
  static void helm() {
    helm = Helm.find();
  }

  @Test
  void defaultValuesRenderTheWholePlatformWithTls() throws Exception {
    List<HasMetadata> objects = Helm.objects(helm.template().orFail());
    assertThat(kinds(objects))
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                entry("ClusterRole", 1L),
                entry("ClusterRoleBinding", 1L),
                entry("ConfigMap", 1L),
                entry("Deployment", 2L),
                entry("NetworkPolicy", 3L),
                entry("Role", 1L),
                entry("RoleBinding", 1L),
                entry("Secret", 5L),
                entry("Service", 3L),
                entry("ServiceAccount", 2L),
                entry("StatefulSet", 1L)));

    assertThat(rules(one(objects, ClusterRole.class, OPERATOR).getRules()))
        .isEqualTo(WORKLOAD_RULES);
    assertThat(rules(one(objects, Role.class, OPERATOR + "-hosts").getRules()))
        .isEqualTo(HOST_RULES);

    Deployment operator = one(objects, Deployment.class, OPERATOR);
    Container op = operator.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(op.getImage()).isEqualTo("virga/operator:0.1.0-SNAPSHOT");
    assertThat(op.getArgs())
        .containsExactly(
            "--nats-url=nats://nats.virga-system.svc.cluster.local:4222",
            "--nats-ca=/operator-cert/ca.crt",
            "--nats-client-cert=/operator-cert/tls.crt",
            "--nats-client-key=/operator-cert/tls.key",
            "--leader-elect",
            "--metrics-bind-address=:8081",
            "--health-probe-bind-address=:8082",
            "--host-namespace=virga-system",
            "--allow-shared-hosts=true",
            "--heartbeat-ttl=60s",
            "--host-reconcile-interval=1m",
            "--reconcile-threads=50",
            "--cpu-backpressure-threshold=80",
            "--memory-backpressure-threshold=80",
            "--json-log");
    assertThat(op.getEnv().stream().map(e -> e.getName()))
        .containsExactly("OPERATOR_NAMESPACE", "POD_NAME");
    assertThat(op.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(op.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(op.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("health");
    assertThat(op.getPorts().stream().map(p -> p.getName() + ":" + p.getContainerPort()))
        .containsExactly("metrics:8081", "health:8082");
    assertThat(operator.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
        .isEqualTo(45L);
    assertThat(op.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(operator.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
        .isEqualTo(65532L);
    // unlike wasmCloud's chart, the metrics Service targets a port the container declares
    Service metrics = one(objects, Service.class, OPERATOR + "-metrics");
    assertThat(metrics.getSpec().getPorts().get(0).getTargetPort().getStrVal())
        .isEqualTo("metrics");

    Deployment hosts = one(objects, Deployment.class, "hostgroup-default");
    assertThat(hosts.getMetadata().getLabels()).containsEntry("wasmcloud.com/hostgroup", "default");
    assertThat(hosts.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("wasmcloud.com/hostgroup", "default");
    var pod = hosts.getSpec().getTemplate().getSpec();
    assertThat(pod.getTerminationGracePeriodSeconds()).isEqualTo(25L);
    assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    Container host = pod.getContainers().get(0);
    assertThat(host.getImage()).isEqualTo("virga/host:0.1.0-SNAPSHOT");
    assertThat(host.getArgs())
        .containsExactly(
            "cluster",
            "--scheduler-nats-url=nats://nats.virga-system.svc.cluster.local:4222",
            "--data-nats-url=nats://nats.virga-system.svc.cluster.local:4222",
            "--scheduler-nats-tls-ca=/runtime-cert/ca.crt",
            "--scheduler-nats-tls-cert=/runtime-cert/tls.crt",
            "--scheduler-nats-tls-key=/runtime-cert/tls.key",
            "--data-nats-tls-ca=/data-cert/ca.crt",
            "--data-nats-tls-cert=/data-cert/tls.crt",
            "--data-nats-tls-key=/data-cert/tls.key",
            "--host-group=default",
            "--environment=$(POD_NAMESPACE)",
            "--host-id=$(POD_NAME)",
            "--host-name=$(POD_IP)",
            "--http-addr=0.0.0.0:9191",
            "--metrics-addr=0.0.0.0:9090",
            "--oci-cache-dir=/oci-cache",
            "--drain-timeout=15s");
    assertThat(host.getEnv().stream().map(e -> e.getName()))
        .containsExactly("POD_NAME", "POD_NAMESPACE", "POD_IP", "HOME");
    assertThat(host.getEnv().get(0).getValueFrom().getFieldRef().getFieldPath())
        .isEqualTo("metadata.name");
    assertThat(host.getReadinessProbe().getTcpSocket()).isNull();
    assertThat(host.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(host.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
    assertThat(host.getReadinessProbe().getPeriodSeconds()).isEqualTo(10);
    assertThat(host.getReadinessProbe().getFailureThreshold()).isEqualTo(3);
    assertThat(host.getLivenessProbe().getTcpSocket()).isNull();
    assertThat(host.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
    assertThat(host.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
    assertThat(host.getLivenessProbe().getPeriodSeconds()).isEqualTo(30);
    assertThat(host.getLivenessProbe().getFailureThreshold()).isEqualTo(5);

    StatefulSet nats = one(objects, StatefulSet.class, "nats");
    var claim = nats.getSpec().getVolumeClaimTemplates().get(0);
    assertThat(claim.getMetadata().getName()).isEqualTo("data");
    assertThat(claim.getSpec().getResources().getRequests().get("storage").toString())
        .isEqualTo("10Gi");
    String conf = one(objects, ConfigMap.class, "nats-config").getData().get("nats-server.conf");
    assertThat(conf)
        .contains("store_dir: /data/jetstream", "verify_and_map: true")
        .contains("user: virga-operator", "user: virga-runtime", "user: virga-data")
        .contains("publish: { allow: [\"runtime.host.>\"] }")
        .contains("deny: [\"runtime.>\"]");

    X509Certificate ca = cert(one(objects, Secret.class, "virga-ca"), "tls.crt");
    X509Certificate natsCert = cert(one(objects, Secret.class, "virga-nats-tls"), "tls.crt");
    natsCert.verify(ca.getPublicKey());
    assertThat(natsCert.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))))
        .contains("nats", "nats.virga-system.svc", "nats.virga-system.svc.cluster.local");
    assertThat(
            Duration.between(
                    natsCert.getNotBefore().toInstant(), natsCert.getNotAfter().toInstant())
                .toDays())
        .isEqualTo(365);
    X509Certificate runtime = cert(one(objects, Secret.class, "virga-runtime-tls"), "tls.crt");
    runtime.verify(ca.getPublicKey());
    assertThat(runtime.getSubjectX500Principal().getName()).isEqualTo("CN=virga-runtime");
  }

  @Test
  void scopedNamespacesGetRolesAndNothingClusterWide() {
    List<HasMetadata> objects = Helm.objects(helm.template("-f", "ci/scoped-values.yaml").orFail());
    assertThat(objects).noneMatch(o -> o.getKind().startsWith("Cluster"));
    for (String ns : List.of("team-a", "team-b")) {
      Role role = one(objects, Role.class, OPERATOR + "-workloads", ns);
      assertThat(rules(role.getRules())).isEqualTo(WORKLOAD_RULES);
    }
    assertThat(rules(one(objects, Role.class, OPERATOR + "-hosts").getRules()))
        .isEqualTo(HOST_RULES);
    Container op =
        one(objects, Deployment.class, OPERATOR)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertThat(op.getArgs()).contains("--watch-namespaces=team-a,team-b");

    Deployment tenant = one(objects, Deployment.class, "hostgroup-tenant", "team-a");
    assertThat(tenant.getSpec().getReplicas()).isEqualTo(2);
    assertThat(tenant.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .contains(
            "--host-group=tenant",
            "--label=tier=gold",
            "--http-addr=0.0.0.0:8443",
            "--tls-cert-path=/http-cert/tls.crt",
            "--tls-key-path=/http-cert/tls.key",
            "--max-concurrent-starts=2",
            "--allow-host-loopback",
            "--plugin-config=wasi-keyvalue.backend=redis",
            "--plugin-config=wasi-keyvalue.url=redis://redis.team-a:6379")
        .doesNotContain("--plugin-config=wasi-keyvalue.backend=nats");
    // the default group keeps the global plugin settings
    assertThat(
            one(objects, Deployment.class, "hostgroup-default")
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getArgs())
        .contains("--plugin-config=wasi-keyvalue.backend=nats");
    Service svc = one(objects, Service.class, "hostgroup-tenant", "team-a");
    assertThat(svc.getSpec().getType()).isEqualTo("NodePort");
    assertThat(svc.getSpec().getPorts().get(0).getNodePort()).isEqualTo(30950);
    // the tenant namespace gets its own copies of the NATS client certificates
    one(objects, Secret.class, "virga-runtime-tls", "team-a");
    one(objects, Secret.class, "virga-data-tls", "team-a");
    Secret http = one(objects, Secret.class, "hostgroup-tenant-http-tls", "team-a");
    assertThat(http.getData()).containsKeys("tls.crt", "tls.key", "ca.crt");
    NetworkPolicy policy = one(objects, NetworkPolicy.class, "hostgroup-tenant", "team-a");
    assertThat(policy.getSpec().getIngress().get(0).getPorts())
        .extracting(p -> p.getPort().getIntVal())
        .containsExactly(8443, 9090);
  }

  @Test
  void plainInstallHasNoTlsNatsOrPolicies() {
    List<HasMetadata> objects = Helm.objects(helm.template("-f", "ci/plain-values.yaml").orFail());
    assertThat(kinds(objects))
        .doesNotContainKeys("Secret", "NetworkPolicy", "StatefulSet", "ConfigMap");
    Container op =
        one(objects, Deployment.class, OPERATOR)
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertThat(op.getArgs()).contains("--nats-url=nats://nats.infra:4222");
    assertThat(op.getArgs()).noneMatch(a -> a.startsWith("--nats-ca"));
    Container host =
        one(objects, Deployment.class, "hostgroup-batch")
            .getSpec()
            .getTemplate()
            .getSpec()
            .getContainers()
            .get(0);
    assertThat(host.getArgs())
        .contains(
            "--scheduler-nats-url=nats://nats.infra:4222",
            "--data-nats-url=nats://nats-data.infra:4222")
        .noneMatch(a -> a.startsWith("--http-addr") || a.contains("-tls-"));
    // without an ingress the probes are the same: both on the metrics listener
    assertThat(host.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
    assertThat(host.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
    assertThat(objects)
        .noneMatch(o -> o instanceof Service && o.getMetadata().getName().startsWith("hostgroup"));
  }

  @Test
  void externalCertificatesAreMountedNotGenerated() {
    List<HasMetadata> objects =
        Helm.objects(helm.template("-f", "ci/external-certs-values.yaml").orFail());
    assertThat(kinds(objects)).doesNotContainKey("Secret");
    var pod = one(objects, Deployment.class, "hostgroup-default").getSpec().getTemplate().getSpec();
    assertThat(pod.getVolumes().stream().filter(v -> v.getSecret() != null))
        .extracting(v -> v.getSecret().getSecretName())
        .containsExactly("my-runtime", "my-data");
  }

  @Test
  void schemaRejectsUnknownKeys() {
    Helm.Result typo = helm.template("--set", "operator.watchNamespace=team-a");
    assertThat(typo.exitCode()).isNotZero();
    assertThat(typo.stderr()).contains("Additional property watchNamespace is not allowed");
    Helm.Result nested =
        helm.template(
            "--set", "runtime.hostGroups[0].name=a", "--set", "runtime.hostGroups[0].htp.port=1");
    assertThat(nested.exitCode()).isNotZero();
    assertThat(nested.stderr()).contains("Additional property htp is not allowed");
  }

  @Test
  void defaultImageTagsAreTheImagesJibBuilds() throws Exception {
    // Jib tags virga/operator and virga/host with ${project.version} (profile images); the chart's
    // appVersion is the default tag, so the two must move together
    String pom = Files.readString(Helm.ROOT.resolve("pom.xml"));
    Matcher version =
        Pattern.compile("<artifactId>virga-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertThat(version.find()).isTrue();
    String chart = Files.readString(Helm.CHART.resolve("Chart.yaml"));
    assertThat(chart).contains("appVersion: \"" + version.group(1) + "\"");
    for (String module : List.of("operator", "runtime/host")) {
      assertThat(Files.readString(Helm.ROOT.resolve(module).resolve("pom.xml")))
          .contains(
              "<image>virga/"
                  + (module.equals("operator") ? "operator" : "host")
                  + ":${project.version}</image>");
    }
  }

  @Test
  void lintIsClean() {
    for (String values :
        List.of(
            "values.yaml",
            "ci/scoped-values.yaml",
            "ci/plain-values.yaml",
            "ci/external-certs-values.yaml")) {
      Helm.Result lint = helm.run(List.of("lint", "--strict", ".", "-f", values));
      assertThat(lint.exitCode()).as(lint.stdout() + lint.stderr()).isZero();
      assertThat(lint.stdout()).contains("1 chart(s) linted, 0 chart(s) failed");
    }
  }

  private static Map<String, Long> kinds(List<HasMetadata> objects) {
    return objects.stream()
        .collect(Collectors.groupingBy(HasMetadata::getKind, TreeMap::new, Collectors.counting()));
  }

  private static Map<String, String> rules(List<PolicyRule> rules) {
    Map<String, String> out = new TreeMap<>();
    for (PolicyRule rule : rules) {
      assertThat(rule.getVerbs()).doesNotContain("*");
      for (String group : rule.getApiGroups()) {
        for (String resource : rule.getResources()) {
          assertThat(resource).isNotEqualTo("*");
          String previous = out.put(group + "/" + resource, String.join(",", rule.getVerbs()));
          assertThat(previous).as("two rules for " + group + "/" + resource).isNull();
        }
      }
    }
    return out;
  }

  private static <T extends HasMetadata> T one(
      List<HasMetadata> objects, Class<T> type, String name) {
    return one(objects, type, name, Helm.NAMESPACE);
  }

  private static <T extends HasMetadata> T one(
      List<HasMetadata> objects, Class<T> type, String name, String namespace) {
    List<T> found =
        objects.stream()
            .filter(type::isInstance)
            .map(type::cast)
            .filter(o -> o.getMetadata().getName().equals(name))
            .filter(
                o ->
                    o.getMetadata().getNamespace() == null
                        || o.getMetadata().getNamespace().equals(namespace))
            .toList();
    assertThat(found).as(type.getSimpleName() + " " + namespace + "/" + name).hasSize(1);
    return found.get(0);
  }

  private static X509Certificate cert(Secret secret, String key) throws Exception {
    byte[] pem = Base64.getDecoder().decode(secret.getData().get(key));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
  }
}
