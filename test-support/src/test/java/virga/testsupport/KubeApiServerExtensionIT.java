package virga.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;

@WithKubeApiServer
class KubeApiServerExtensionIT {

  @Test
  void clientTalksToARealApiServerOnLoopback(KubeApiServer kube, KubernetesClient client) {
    assertThat(URI.create(kube.url()).getHost()).isIn("127.0.0.1", "localhost");
    assertThat(client.getKubernetesVersion().getGitVersion()).startsWith("v1.20");

    client
        .configMaps()
        .inNamespace("default")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("probe")
                .endMetadata()
                .addToData("k", "v")
                .build())
        .create();

    assertThat(client.configMaps().inNamespace("default").withName("probe").get().getData())
        .containsEntry("k", "v");
  }

  @Test
  void kubectlUsesTheKubeconfigFile(KubeApiServer kube) throws Exception {
    assertThat(Files.readString(kube.kubeConfigFile())).isEqualTo(kube.kubeConfigYaml());

    CommandResult result = kube.kubectl("get", "namespaces", "-o", "name");

    assertThat(result.succeeded()).as(result.toString()).isTrue();
    assertThat(result.stdout()).contains("namespace/default");
  }

  @Test
  void serverAndKubeconfigAreGoneAfterAFailingClass() {
    EngineTestKit.engine("junit-jupiter")
        .selectors(selectClass(FailingSample.class))
        .execute()
        .testEvents()
        .assertStatistics(stats -> stats.failed(1));

    assertThat(FailingSample.kubeConfig).isNotNull();
    assertThat(Files.exists(FailingSample.kubeConfig)).isFalse();
    assertThat(FreePorts.isListening(FailingSample.port)).isFalse();
  }

  static class FailingSample {
    static Path kubeConfig;
    static int port;

    @RegisterExtension static KubeApiServerExtension kube = new KubeApiServerExtension();

    @Test
    void fails() {
      kubeConfig = kube.kubeConfigFile();
      port = URI.create(kube.server().url()).getPort();
      assertThat(FreePorts.isListening(port)).isTrue();
      throw new AssertionError("deliberate failure");
    }
  }
}
