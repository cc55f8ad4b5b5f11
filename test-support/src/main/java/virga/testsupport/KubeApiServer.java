package virga.testsupport;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real kube-apiserver with its etcd, started by fabric8 kube-api-test in offline mode from
 * pre-installed binaries, with an admin client and a kubeconfig file for kubectl.
 */
public final class KubeApiServer implements AutoCloseable {

  private final KubeApiTestDir dir;
  private final KubeAPIServer server;
  private final Path kubeConfigFile;
  private final KubernetesClient client;
  private final Thread shutdownHook;
  private volatile boolean closed;

  private KubeApiServer(
      KubeApiTestDir dir, KubeAPIServer server, Path kubeConfigFile, KubernetesClient client) {
    this.dir = dir;
    this.server = server;
    this.kubeConfigFile = kubeConfigFile;
    this.client = client;
    this.shutdownHook = new Thread(this::stopQuietly, "kube-apiserver-shutdown");
  }

  /** Starts etcd and kube-apiserver from the binaries in {@code dir}; blocks until ready. */
  public static KubeApiServer start(KubeApiTestDir dir) {
    KubeAPIServer server =
        new KubeAPIServer(
            KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .withTestDir(dir.dir().toString())
                .withApiServerVersion(dir.version())
                .withApiServerFlag("--bind-address", "127.0.0.1")
                .build());
    Path kubeConfigFile = null;
    try {
      server.start();
      String yaml = server.getKubeConfigYaml();
      kubeConfigFile =
          Files.createTempFile(
              "virga-kubeconfig",
              ".yaml",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(kubeConfigFile, yaml);
      KubernetesClient client =
          new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(yaml)).build();
      KubeApiServer running = new KubeApiServer(dir, server, kubeConfigFile, client);
      Runtime.getRuntime().addShutdownHook(running.shutdownHook);
      return running;
    } catch (IOException | RuntimeException e) {
      try {
        server.stop();
      } catch (RuntimeException stopFailure) {
        e.addSuppressed(stopFailure);
      }
      deleteQuietly(kubeConfigFile);
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
  }

  /** An admin client for the server. */
  public KubernetesClient client() {
    return client;
  }

  /** The kubeconfig (admin user, client certificate) as YAML. */
  public String kubeConfigYaml() {
    try {
      return Files.readString(kubeConfigFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file holding {@link #kubeConfigYaml()}, deleted when the server stops. */
  public Path kubeConfigFile() {
    return kubeConfigFile;
  }

  /** The https URL of the API server. */
  public String url() {
    return client.getConfiguration().getMasterUrl();
  }

  /** Runs the matching kubectl against this server with the given arguments. */
  public CommandResult kubectl(String... args) {
    List<String> command = new ArrayList<>();
    command.add(dir.kubectl().toString());
    command.add("--kubeconfig=" + kubeConfigFile);
    command.addAll(List.of(args));
    return Commands.run(command, Duration.ofSeconds(60));
  }

  /**
   * Creates or updates CRDs read from classpath resources (e.g. {@code
   * META-INF/fabric8/<plural>.<group>-v1.yml}) and waits until each is Established.
   */
  public List<CustomResourceDefinition> applyCrdResources(List<String> resources) {
    List<CustomResourceDefinition> applied = new ArrayList<>();
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    for (String resource : resources) {
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalArgumentException("CRD resource not on the classpath: " + resource);
        }
        applied.add(applyCrd(Serialization.unmarshal(in, CustomResourceDefinition.class)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read CRD resource " + resource, e);
      }
    }
    return applied;
  }

  /** Creates or updates one CRD and waits until it is Established. */
  public CustomResourceDefinition applyCrd(CustomResourceDefinition crd) {
    // the fabric8 client, not kubectl: kubectl 1.20 rejects x-kubernetes-validations client-side
    var resource = client.apiextensions().v1().customResourceDefinitions().resource(crd);
    resource.createOr(NonDeletingOperation::update);
    return resource.waitUntilCondition(KubeApiServer::isEstablished, 30, TimeUnit.SECONDS);
  }

  static boolean isEstablished(CustomResourceDefinition crd) {
    return crd != null
        && crd.getStatus() != null
        && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** Stops kube-apiserver and etcd, deletes their data and the kubeconfig file. */
  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException alreadyShuttingDown) {
      // the hook is running or has run; nothing left to do
    }
  }

  private synchronized void stopQuietly() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      client.close();
    } finally {
      server.stop();
      deleteQuietly(kubeConfigFile);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a leftover temp file is harmless
      }
    }
  }
}
