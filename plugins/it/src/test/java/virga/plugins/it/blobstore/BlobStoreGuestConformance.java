package virga.plugins.it.blobstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import virga.host.artifact.LocalArtifactResolver;
import virga.host.nats.NatsEndpoint;
import virga.host.plugin.PluginSetup;
import virga.host.standalone.StandaloneHost;
import virga.plugins.it.blobstore.RawHttp.Response;

/**
 * The blob-store example component on a real host ({@code bin/host run}'s {@link StandaloneHost},
 * the example's own workload.yaml) with the wasi-blobstore plugin on one backend: exact bodies over
 * HTTP, and the plugin's {@code buckets} and {@code read_only} enforcement as the guest sees it.
 */
@Timeout(300)
abstract class BlobStoreGuestConformance {
  static final Path EXAMPLE = Path.of("../../examples/blob-store").toAbsolutePath().normalize();

  @TempDir Path dir;
  StandaloneHost host;
  RawHttp rw;
  RawHttp ro;

  /** The plugin's settings for the backend under test. */
  abstract PluginSetup plugins(PluginSetup base);

  /** The example's workload.yaml as this backend's test runs it. */
  String manifest(String example) {
    return example;
  }

  /** The allow-list the workload ends up with, as refusals print it. */
  String allowList() {
    return "default, photos";
  }

  /** The data NATS the host shares, or null. */
  NatsEndpoint dataNats() {
    return null;
  }

  @BeforeEach
  void start() throws Exception {
    Files.copy(EXAMPLE.resolve("blob-store.wasm"), dir.resolve("blob-store.wasm"));
    String manifest = manifest(Files.readString(EXAMPLE.resolve("workload.yaml")));
    // the example as it is, plus a read-only twin on the same host (and so the same backend)
    String readOnly =
        manifest
            .replace("name: blob-store\n", "name: blob-store-ro\n")
            .replace("host: blobs.localhost", "host: ro.blobs.localhost")
            .replace("read_only: \"false\"", "read_only: \"true\"");
    assertThat(readOnly).contains("read_only: \"true\"").contains("name: blob-store-ro");
    Files.writeString(dir.resolve("workload.yaml"), manifest + "\n---\n" + readOnly);
    List<String> progress = new ArrayList<>();
    host =
        StandaloneHost.start(
            new StandaloneHost.Options(
                dir.resolve("workload.yaml"),
                List.of(),
                new InetSocketAddress("127.0.0.1", 0),
                null,
                plugins(PluginSetup.fromDirectory(null)),
                false,
                progress::add,
                LocalArtifactResolver::new,
                null,
                dataNats()));
    rw = new RawHttp(host.httpAddress(), "blobs.localhost");
    ro = new RawHttp(host.httpAddress(), "ro.blobs.localhost");
  }

  @AfterEach
  void stop() {
    if (host != null) {
      host.close();
    }
  }

  static Response r(int status, String body) {
    return new Response(status, body.getBytes(StandardCharsets.UTF_8));
  }

  static void same(Response actual, int status, String body) {
    assertThat(actual.toString()).isEqualTo(status + " " + body);
  }

  @Test
  void objectsArePutReadListedAndDeletedByPath() throws Exception {
    same(rw.put("/default/docs/readme.md", "# hello\n"), 200, "stored 8 bytes\n");
    same(rw.put("/default/b.txt", "bee"), 200, "stored 3 bytes\n");
    same(rw.put("/default/empty", ""), 200, "stored 0 bytes\n");
    same(rw.get("/default/docs/readme.md"), 200, "# hello\n");
    same(rw.get("/default/empty"), 200, "");
    same(rw.get("/default/"), 200, "b.txt\ndocs/readme.md\nempty\n");
    same(rw.put("/default/b.txt", "replaced"), 200, "stored 8 bytes\n");
    same(rw.get("/default/b.txt"), 200, "replaced");
    same(rw.delete("/default/b.txt"), 200, "deleted\n");
    same(rw.delete("/default/b.txt"), 200, "deleted\n");
    same(rw.get("/default/b.txt"), 404, "object 'b.txt' does not exist in container 'default'\n");
    same(rw.get("/photos/x"), 404, "container 'photos' does not exist\n");
    same(rw.get("/default/"), 200, "docs/readme.md\nempty\n");
  }

  @Test
  void binaryBodiesComeBackByteForByte() throws Exception {
    byte[] all = new byte[256 * 64];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    same(rw.put("/photos/bytes.bin", all), 200, "stored 16384 bytes\n");
    Response got = rw.get("/photos/bytes.bin");
    assertThat(got.status()).isEqualTo(200);
    assertThat(got.body()).isEqualTo(all);
  }

  @Test
  void aLargeObjectStreamsThroughTheGuest() throws Exception {
    byte[] big = new byte[12 << 20]; // 12 MiB: beyond the plugin's 1 MiB spool memory
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31 + (i >>> 11));
    }
    same(rw.put("/default/big", big), 200, "stored 12582912 bytes\n");
    Response got = rw.get("/default/big");
    assertThat(got.status()).isEqualTo(200);
    assertThat(MessageDigest.getInstance("SHA-256").digest(got.body()))
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(big));
  }

  @Test
  void theBucketsAllowListIsEnforcedAsTheGuestSeesIt() throws Exception {
    String refused =
        "container 'secret' is not in this workload's buckets allow-list (" + allowList() + ")\n";
    same(rw.put("/secret/x", "nope"), 403, refused);
    same(rw.get("/secret/x"), 403, refused);
    same(rw.delete("/secret/x"), 403, refused);
  }

  @Test
  void readOnlyRefusesWritesAndAllowsReads() throws Exception {
    same(rw.put("/default/keep", "safe"), 200, "stored 4 bytes\n");
    same(ro.get("/default/keep"), 200, "safe");
    same(
        ro.put("/default/keep", "changed"),
        403,
        "write-data on container 'default' refused: the blobstore is read-only (read_only)\n");
    same(
        ro.delete("/default/keep"),
        403,
        "delete-object on container 'default' refused: the blobstore is read-only (read_only)\n");
    same(
        ro.put("/photos/new", "x"),
        403,
        "create-container on container 'photos' refused: the blobstore is read-only"
            + " (read_only)\n");
    same(rw.get("/default/keep"), 200, "safe");
  }
}
