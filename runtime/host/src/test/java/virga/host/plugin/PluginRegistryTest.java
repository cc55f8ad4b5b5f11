package virga.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.component.VersionMatching;
import virga.plugin.HostPlugin;

class PluginRegistryTest {
  private final List<String> log = new ArrayList<>();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final HostPluginContext context =
      new HostPluginContext("host-1", meters, (workloadId, reason) -> {});

  @TempDir Path tmp;

  @Test
  void iteratesInIdOrder() {
    PluginRegistry registry = new PluginRegistry();
    registry.register(new FakePlugin("wasi-logging", log));
    registry.register(new FakePlugin("wasi-config", log));
    registry.register(new FakePlugin("example-ratelimit", log));

    assertThat(registry.plugins())
        .extracting(HostPlugin::id)
        .containsExactly("example-ratelimit", "wasi-config", "wasi-logging");
    assertThat(registry.find("wasi-config")).isPresent();
    assertThat(registry.find("wasi-keyvalue")).isEmpty();
  }

  @Test
  void aDuplicateIdIsRefusedNamingBothSources() {
    PluginRegistry registry = new PluginRegistry();
    registry.register(new FakePlugin("wasi-config", log));

    HostPlugin other =
        new HostPlugin() {
          @Override
          public String id() {
            return "wasi-config";
          }

          @Override
          public virga.plugin.WitWorld world() {
            return virga.plugin.WitWorld.serving();
          }
        };

    assertThatThrownBy(() -> registry.register(other))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "duplicate plugin id 'wasi-config' (from virga.host.plugin.FakePlugin registered in"
                + " code and virga.host.plugin.PluginRegistryTest$1 registered in code): plugin"
                + " ids must be unique");
  }

  @Test
  void serviceLoaderFindsThePluginsOnTheClassPath() throws URISyntaxException {
    PluginRegistry registry = new PluginRegistry();

    registry.loadClassPath(getClass().getClassLoader());

    assertThat(registry.find("virga-test-discovered"))
        .get()
        .isInstanceOf(DiscoveredTestPlugin.class);
    Path classes =
        Path.of(
            DiscoveredTestPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(registry.source("virga-test-discovered"))
        .contains("virga.host.plugin.DiscoveredTestPlugin in " + classes);
  }

  @Test
  void aPluginsDirectoryAddsThePluginsOfItsJarsOnly() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("plugins"));
    Path jar = pluginJar(dir.resolve("acme-plugin.jar"), "acme-from-jar");
    Files.writeString(dir.resolve("README.txt"), "not a jar");
    PluginRegistry registry = new PluginRegistry();
    registry.loadClassPath(getClass().getClassLoader());

    registry.loadDirectory(dir, getClass().getClassLoader());

    assertThat(registry.plugins())
        .extracting(HostPlugin::id)
        // the jar's plugin, then the class path's: the test plugin and the built-in ones
        .containsExactly(
            "acme-from-jar",
            "virga-test-discovered",
            "wasi-blobstore",
            "wasi-blobstore-multiplexed",
            "wasi-config",
            "wasi-keyvalue",
            "wasi-keyvalue-multiplexed",
            "wasi-logging",
            "wasmcloud-messaging",
            "wasmcloud-messaging-memory",
            "wasmcloud-postgres",
            "wasmcloud-secrets");
    assertThat(registry.source("acme-from-jar")).contains("jarplugin.JarPlugin in " + jar);
    assertThat(registry.find("acme-from-jar").orElseThrow().world().imports())
        .extracting(Object::toString)
        .containsExactly("acme:jar/api@1.0.0");
    registry.close();
  }

  @Test
  void aJarPluginWithTheIdOfAClassPathPluginIsRefused() throws Exception {
    Path dir = Files.createDirectory(tmp.resolve("plugins"));
    Path jar = pluginJar(dir.resolve("clash.jar"), "virga-test-discovered");
    Path classes =
        Path.of(
            DiscoveredTestPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    PluginRegistry registry = new PluginRegistry();
    registry.loadClassPath(getClass().getClassLoader());

    assertThatThrownBy(() -> registry.loadDirectory(dir, getClass().getClassLoader()))
        .hasMessage(
            "duplicate plugin id 'virga-test-discovered' (from"
                + " virga.host.plugin.DiscoveredTestPlugin in "
                + classes
                + " and jarplugin.JarPlugin in "
                + jar
                + "): plugin ids must be unique");
    registry.close();
  }

  @Test
  void aMissingPluginsDirectoryIsAnErrorThatSaysWhatToPass() {
    Path missing = tmp.resolve("nope");

    assertThatThrownBy(() -> PluginRegistry.discover(missing))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "plugins directory "
                + missing
                + " does not exist or is not a directory: pass an existing directory of plugin"
                + " jars to --plugins-dir");
  }

  @Test
  void startAllStartsInIdOrderAndStopAllStopsInReverseOnce() {
    PluginRegistry registry = new PluginRegistry();
    registry.register(new FakePlugin("b", log));
    registry.register(new FakePlugin("a", log));

    registry.startAll(context);
    registry.stopAll();
    registry.stopAll();

    assertThat(log).containsExactly("a: start", "b: start", "b: stop", "a: stop");
    assertThat(registry.errors().count()).isZero();
  }

  @Test
  void eachPluginGetsItsOwnSettingsAndTheSharedConnections() {
    List<virga.plugin.PluginContext> seen = new java.util.ArrayList<>();
    PluginRegistry registry = new PluginRegistry();
    for (String id : List.of("kv", "blob")) {
      registry.register(
          new virga.plugin.HostPlugin() {
            @Override
            public String id() {
              return id;
            }

            @Override
            public virga.plugin.WitWorld world() {
              return virga.plugin.WitWorld.serving("a:b/" + id);
            }

            @Override
            public void start(virga.plugin.PluginContext c) {
              seen.add(c);
            }
          });
    }
    registry.configure("kv", "backend", "redis").configure("kv", "url", "redis://x:1");
    StringBuilder shared = new StringBuilder("connection");

    registry.startAll(
        new HostPluginContext("host-1", meters, (w, r) -> {}, Map.of(StringBuilder.class, shared)));

    assertThat(seen)
        .extracting(c -> c.settings())
        .containsExactly(Map.of(), Map.of("backend", "redis", "url", "redis://x:1"));
    assertThat(seen.get(1).shared(StringBuilder.class)).containsSame(shared);
    assertThat(seen.get(1).shared(String.class)).isEmpty();
    assertThat(seen.get(1).hostId()).isEqualTo("host-1");
  }

  @Test
  void aSettingForAPluginTheHostDoesNotHaveFailsTheStart() {
    PluginRegistry registry = new PluginRegistry();
    registry.register(new FakePlugin("a", log));
    registry.configure("wasi-keyvalu", "backend", "nats");

    assertThatThrownBy(() -> registry.startAll(context))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "--plugin-config names plugin 'wasi-keyvalu', which this host does not have"
                + " (plugins: a)");
    assertThat(log).isEmpty();
  }

  @Test
  void aStartFailureStopsTheStartedOnesAndFailsTheStart() {
    PluginRegistry registry = new PluginRegistry();
    registry.register(new FakePlugin("a", log));
    registry.register(new FakePlugin("b", log));
    registry.register(new FakePlugin("c", log).failing("start"));
    registry.register(new FakePlugin("d", log));

    assertThatThrownBy(() -> registry.startAll(context))
        .isInstanceOf(PluginException.class)
        .hasMessage(
            "plugin 'c' (virga.host.plugin.FakePlugin registered in code) failed to start:"
                + " java.lang.IllegalStateException: c fails start");
    assertThat(log).containsExactly("a: start", "b: start", "c: start", "b: stop", "a: stop");
  }

  @Test
  void aStopFailureIsCountedAndTheOthersStillStop() {
    PluginRegistry registry = new PluginRegistry();
    registry.register(new FakePlugin("a", log));
    registry.register(new FakePlugin("b", log).failing("stop"));
    registry.startAll(context);

    registry.stopAll();

    assertThat(log).containsExactly("a: start", "b: start", "b: stop", "a: stop");
    assertThat(registry.errors().count()).isEqualTo(1);
    assertThat(
            meters
                .get("virga.plugin.errors")
                .tag("plugin", "b")
                .tag("phase", "stop")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void aHangingStopIsCutAtItsTimeoutPlusOneSecond() {
    PluginRegistry registry = new PluginRegistry();
    registry.register(new FakePlugin("slow", log).slowStop(Duration.ofMillis(100), 30_000));
    registry.register(new FakePlugin("fast", log));
    registry.startAll(context);

    long start = System.nanoTime();
    registry.stopAll();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(took).isBetween(Duration.ofMillis(1_050), Duration.ofSeconds(10));
    assertThat(log).containsExactly("fast: start", "slow: start", "slow: stop", "fast: stop");
    assertThat(
            meters
                .get("virga.plugin.errors")
                .tag("plugin", "slow")
                .tag("phase", "stop")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void registeringAfterTheStartIsRefused() {
    PluginRegistry registry = new PluginRegistry();
    registry.startAll(context);

    assertThatThrownBy(() -> registry.register(new FakePlugin("late", log)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "plugin virga.host.plugin.FakePlugin registered in code registered after the plugins"
                + " were started");
  }

  /** Compiles a one-class plugin with id {@code id} and packs it with its services file. */
  private Path pluginJar(Path jar, String id) throws IOException, URISyntaxException {
    Path src = Files.createDirectories(tmp.resolve("src-" + id + "/jarplugin"));
    Files.writeString(
        src.resolve("JarPlugin.java"),
        "package jarplugin;\n"
            + "public final class JarPlugin implements virga.plugin.HostPlugin {\n"
            + "  public String id() { return \""
            + id
            + "\"; }\n"
            + "  public virga.plugin.WitWorld world() {\n"
            + "    return virga.plugin.WitWorld.serving(\"acme:jar/api@1.0.0\");\n"
            + "  }\n"
            + "}\n");
    Path out = Files.createDirectories(tmp.resolve("out-" + id));
    String classPath =
        location(HostPlugin.class) + java.io.File.pathSeparator + location(VersionMatching.class);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc =
        javac.run(
            null,
            null,
            null,
            "-d",
            out.toString(),
            "-cp",
            classPath,
            src.resolve("JarPlugin.java").toString());
    assertThat(rc).as("javac exit code").isZero();
    try (JarOutputStream jos = new JarOutputStream(Files.newOutputStream(jar))) {
      jos.putNextEntry(new JarEntry("jarplugin/JarPlugin.class"));
      jos.write(Files.readAllBytes(out.resolve("jarplugin/JarPlugin.class")));
      jos.closeEntry();
      jos.putNextEntry(new JarEntry("META-INF/services/virga.plugin.HostPlugin"));
      OutputStream o = jos;
      o.write("jarplugin.JarPlugin\n".getBytes(StandardCharsets.UTF_8));
      jos.closeEntry();
    }
    return jar;
  }

  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }
}
