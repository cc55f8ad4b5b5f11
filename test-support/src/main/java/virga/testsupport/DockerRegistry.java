package virga.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;

/**
 * A real OCI registry (Debian's {@code docker-registry}, distribution 2.x) on 127.0.0.1 and a free
 * port, plain HTTP, filesystem storage in a temporary directory and htpasswd (bcrypt) basic auth
 * for one user; stopped and deleted when closed.
 */
public final class DockerRegistry implements AutoCloseable {
  /** Where the registry binary is: system property or environment variable {@value}. */
  public static final String SETTING = "DOCKER_REGISTRY_BIN";

  /** Where htpasswd is: system property or environment variable {@value}. */
  public static final String HTPASSWD_SETTING = "HTPASSWD_BIN";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

  private final Process process;
  private final int port;
  private final Path dir;
  private final Thread shutdownHook;

  private DockerRegistry(Process process, int port, Path dir) {
    this.process = process;
    this.port = port;
    this.dir = dir;
    this.shutdownHook = new Thread(process::destroyForcibly, "docker-registry-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** The registry binary: {@value #SETTING}, else Debian's {@code /usr/bin/docker-registry}. */
  public static Path binary() {
    return Path.of(Prerequisites.setting(SETTING, "/usr/bin/docker-registry"));
  }

  /** htpasswd (Debian's apache2-utils), which writes the bcrypt entries the registry accepts. */
  public static Path htpasswd() {
    return Path.of(Prerequisites.setting(HTPASSWD_SETTING, "/usr/bin/htpasswd"));
  }

  /** Enabled when both binaries are installed; skipped locally, failing on CI, when not. */
  public static ConditionEvaluationResult available() {
    return Prerequisites.check("docker-registry", List.of(binary(), htpasswd()));
  }

  /** Starts a registry that lets {@code user} with {@code password} pull and push. */
  public static DockerRegistry start(String user, String password) {
    int port = FreePorts.find();
    try {
      Path dir = Files.createTempDirectory("virga-registry");
      CommandResult entry =
          Commands.run(
              List.of(htpasswd().toString(), "-Bbn", user, password), Duration.ofSeconds(20));
      if (!entry.succeeded()) {
        throw new IllegalStateException("htpasswd failed: " + entry);
      }
      Files.writeString(dir.resolve("htpasswd"), entry.stdout().strip() + "\n");
      Files.createDirectories(dir.resolve("storage"));
      Files.writeString(
          dir.resolve("config.yml"),
          String.join(
              "\n",
              "version: 0.1",
              "log:",
              "  level: info",
              "storage:",
              "  filesystem:",
              "    rootdirectory: " + dir.resolve("storage"),
              "  delete:",
              "    enabled: true",
              "http:",
              "  addr: 127.0.0.1:" + port,
              "  secret: " + UUID.randomUUID(),
              "auth:",
              "  htpasswd:",
              "    realm: virga-test",
              "    path: " + dir.resolve("htpasswd"),
              ""),
          StandardCharsets.UTF_8);
      Process p =
          new ProcessBuilder(binary().toString(), "serve", dir.resolve("config.yml").toString())
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("registry.log").toFile())
              .start();
      DockerRegistry registry = new DockerRegistry(p, port, dir);
      long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
      while (!FreePorts.isListening(port)) {
        if (!p.isAlive() || System.nanoTime() > deadline) {
          String log = registry.log();
          registry.close();
          throw new IllegalStateException(
              "docker-registry did not start on port " + port + ":\n" + log);
        }
        Thread.sleep(20);
      }
      return registry;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + binary(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting docker-registry", e);
    }
  }

  /** The port it listens on (127.0.0.1, plain HTTP). */
  public int port() {
    return port;
  }

  /** {@code 127.0.0.1:<port>}, the registry part of a reference. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** What the registry logged so far (for failure messages). */
  public String log() {
    try {
      return Files.readString(dir.resolve("registry.log"));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Whether the process still runs. */
  public boolean isRunning() {
    return process.isAlive();
  }

  /** Stops the registry, waits for it to exit, and deletes its storage. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a leftover temp dir is harmless
    }
  }
}
