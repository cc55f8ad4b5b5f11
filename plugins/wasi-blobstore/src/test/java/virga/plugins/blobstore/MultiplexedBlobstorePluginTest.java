package virga.plugins.blobstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.plugin.WitInterface;
import virga.plugin.testing.TestItem;

/** wasi-blobstore-multiplexed: the backend comes from each named entry's config. */
class MultiplexedBlobstorePluginTest {
  @TempDir Path dir;
  private final MultiplexedBlobstorePlugin plugin = new MultiplexedBlobstorePlugin();

  @AfterEach
  void stop() {
    plugin.stop();
  }

  private static WitInterface entry(String name, Map<String, String> config) {
    return WitInterface.parse("wasi:blobstore/blobstore@0.2.0-draft")
        .withName(name)
        .withConfig(config);
  }

  private TestItem bind(String workload, WitInterface... entries) throws Exception {
    TestItem item = TestItem.component(workload, "api", WasiBlobstorePlugin.servedWorld());
    plugin.onWorkloadItemBind(item, Set.of(entries));
    return item;
  }

  @Test
  void aNamedEntryGetsTheBackendItsConfigNames() throws Exception {
    assertThat(plugin.id()).isEqualTo("wasi-blobstore-multiplexed");
    assertThat(plugin.supportsNamedInstances()).isTrue();
    TestItem item =
        bind(
            "w1",
            entry(
                "files", Map.of("backend", "filesystem", "root", dir.toString(), "buckets", "a")));
    Blobstore store = (Blobstore) item.implementation(WasiBlobstorePlugin.BLOBSTORE);
    assertThat(store.createContainer("a").isOk()).isTrue();
    assertThat(Files.isDirectory(dir.resolve("a"))).isTrue();
    assertThat(store.createContainer("b").error())
        .isEqualTo("container 'b' is not in this workload's buckets allow-list (a)");
  }

  @Test
  void inMemoryInstancesAreSeparateByNameAndSharedAcrossWorkloads() throws Exception {
    Blobstore one =
        (Blobstore)
            bind("w1", entry("one", Map.of())).implementation(WasiBlobstorePlugin.BLOBSTORE);
    Blobstore oneAgain =
        (Blobstore)
            bind("w2", entry("one", Map.of())).implementation(WasiBlobstorePlugin.BLOBSTORE);
    Blobstore two =
        (Blobstore)
            bind("w3", entry("two", Map.of())).implementation(WasiBlobstorePlugin.BLOBSTORE);
    assertThat(one.createContainer("c").isOk()).isTrue();
    assertThat(oneAgain.containerExists("c").value()).isTrue();
    assertThat(two.containerExists("c").value()).isFalse();
  }

  @Test
  void twoEntriesForOneComponentAndBadSettingsAreRefusedClearly() {
    assertThatThrownBy(() -> bind("w1", entry("x", Map.of()), entry("y", Map.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has 2 wasi:blobstore entries for wasi-blobstore-multiplexed")
        .hasMessageEndingWith(": one component can use one named blobstore instance on this host");
    assertThatThrownBy(() -> bind("w1", entry("n", Map.of("backend", "nats"))))
        .hasMessage(
            "plugin wasi-blobstore-multiplexed entry 'n': backend nats needs a NATS connection"
                + " (give the host --data-nats-url, or 'url' for a named instance)");
    assertThatThrownBy(() -> bind("w1", entry("f", Map.of("backend", "ftp"))))
        .hasMessage(
            "plugin wasi-blobstore-multiplexed entry 'f': unknown backend 'ftp' (known: in-memory,"
                + " filesystem, nats)");
  }
}
