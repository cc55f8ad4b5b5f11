package virga.operator.controller.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import virga.crds.v1alpha1.Finalizers;
import virga.crds.v1alpha1.Host;
import virga.crds.v1alpha1.Labels;
import virga.crds.v1alpha1.RuntimeApi;
import virga.operator.OperatorConfig;
import virga.operator.VirgaOperator;
import virga.operator.hosts.HostTimeouts;
import virga.operator.testing.FakeHost;
import virga.testsupport.KubeApiServerExtension;
import virga.testsupport.Namespaces;
import virga.testsupport.NatsServerExtension;

/**
 * A scoped install ({@code --watch-namespaces apps}) whose host group runs in the host namespace,
 * as the chart deploys it: the host pod there still gets the finalizer, and deleting it deletes its
 * Host at once; a host pod in a namespace neither watched nor the host namespace is left alone.
 */
@Timeout(180)
class HostPodScopedIT {
  @RegisterExtension static final KubeApiServerExtension KUBE = new KubeApiServerExtension();
  @RegisterExtension static final NatsServerExtension NATS = new NatsServerExtension();

  static final String NS = "virga-system";
  static final String APPS = "apps";
  static final String OTHER = "other";

  static KubernetesClient client;
  static VirgaOperator operator;

  @BeforeAll
  static void start() throws Exception {
    client = KUBE.client();
    KUBE.server().applyCrdResources(RuntimeApi.CRD_RESOURCES);
    Namespaces.create(client, NS, APPS, OTHER);
    OperatorConfig config =
        OperatorConfig.of(NATS.url(), NS)
            .withWatchNamespaces(Set.of(APPS))
            .withHostSettings(new HostSettings(Duration.ofSeconds(3), Duration.ofSeconds(1)))
            .withHostTimeouts(HostTimeouts.all(Duration.ofSeconds(1)));
    assertThat(config.watchNamespaces()).containsExactly(APPS);
    operator = VirgaOperator.start(config, client, Clock.systemUTC());
  }

  @AfterAll
  static void stop() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void theWatchedPodNamespacesAreTheScopedOnesPlusTheHostNamespace() {
    assertThat(HostPodReconciler.namespaces(NS, Set.of(APPS))).containsExactly(APPS, NS);
    assertThat(HostPodReconciler.namespaces(NS, Set.of(NS))).containsExactly(NS);
    assertThat(HostPodReconciler.namespaces(NS, Set.of())).isEmpty();
  }

  @Test
  void aHostPodInTheHostNamespaceIsWatchedAndItsDeletionDeletesTheHost() throws Exception {
    try (Connection c =
            Nats.connect(
                new Options.Builder()
                    .server(NATS.url())
                    .maxReconnects(-1)
                    .reconnectWait(Duration.ofMillis(200))
                    .build());
        FakeHost h =
            FakeHost.builder("SCOPEDHOST")
                .friendlyName("scoped-host")
                .heartbeatInterval(Duration.ofMillis(500))
                .httpPort(8080)
                .hostname("10.9.8.6")
                .start(c)) {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> host("scoped-host") != null);
      String uid = host("scoped-host").getMetadata().getUid();
      Pod inHostNs =
          client.pods().inNamespace(NS).resource(hostPod("hostgroup-default-1")).create();
      Pod inApps = client.pods().inNamespace(APPS).resource(hostPod("hostgroup-apps-1")).create();
      Pod inOther =
          client.pods().inNamespace(OTHER).resource(hostPod("hostgroup-other-1")).create();
      await().atMost(Duration.ofSeconds(20)).until(() -> hasFinalizer(inHostNs));
      await().atMost(Duration.ofSeconds(20)).until(() -> hasFinalizer(inApps));
      // both watched pods were reconciled; the unwatched one, created before them, was not
      assertThat(client.resource(inOther).get().getMetadata().getFinalizers()).isEmpty();

      Pod withIp = client.resource(inHostNs).get();
      withIp.getStatus().setPodIP("10.9.8.6");
      client.resource(withIp).updateStatus();
      client.resource(inHostNs).delete();
      // the host still heartbeats, so it comes back as a new object: a new uid proves the delete
      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                Host now = host("scoped-host");
                return now == null || !uid.equals(now.getMetadata().getUid());
              });
      await().atMost(Duration.ofSeconds(20)).until(() -> client.resource(inHostNs).get() == null);
      client.resource(inApps).delete();
      await().atMost(Duration.ofSeconds(20)).until(() -> client.resource(inApps).get() == null);
      client.resource(inOther).delete();
    }
  }

  private static Host host(String name) {
    return client.resources(Host.class).inNamespace(NS).withName(name).get();
  }

  private static boolean hasFinalizer(Pod pod) {
    return client.resource(pod).get().getMetadata().getFinalizers().contains(Finalizers.POD_HOST);
  }

  private static Pod hostPod(String name) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withLabels(Map.of(Labels.POD_HOSTGROUP, "default"))
        .endMetadata()
        .withNewSpec()
        .withAutomountServiceAccountToken(false)
        .addNewContainer()
        .withName("host")
        .withImage("ghcr.io/wasmcloud/wash:2")
        .endContainer()
        .endSpec()
        .build();
  }
}
