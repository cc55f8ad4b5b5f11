package virga.host.artifact.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import virga.host.artifact.ArtifactException;
import virga.host.artifact.ArtifactRequest;
import virga.protocol.v2.ImagePullPolicy;
import virga.protocol.v2.ImagePullSecret;
import virga.testsupport.DockerRegistry;

/** Pulls and pushes against a real docker-registry with htpasswd auth on 127.0.0.1. */
@EnabledIf("available")
class OciArtifactResolverIT {
  static final String USER = "virga";
  static final String PASSWORD = "s3cret-pw";
  static final Path GUESTS = Path.of("../../guests/wasm").toAbsolutePath().normalize();
  static final RegistryCredentials CREDS = new RegistryCredentials(USER, PASSWORD);
  static final ImagePullSecret SECRET =
      ImagePullSecret.newBuilder().setUsername(USER).setPassword(PASSWORD).build();

  static DockerRegistry registry;
  static byte[] hello;
  static byte[] echo;

  @TempDir Path cacheDir;

  static boolean available() {
    return !DockerRegistry.available().isDisabled();
  }

  @BeforeAll
  static void start() throws IOException {
    registry = DockerRegistry.start(USER, PASSWORD);
    hello = Files.readAllBytes(GUESTS.resolve("wasi-http-hello.wasm"));
    echo = Files.readAllBytes(GUESTS.resolve("wasi-http-echo.wasm"));
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  private static OciPusher pusher() {
    return new OciPusher(true, List.of(), Duration.ofSeconds(30));
  }

  private OciArtifactResolver resolver() {
    return new OciArtifactResolver(
        OciSettings.defaults(cacheDir).withAllowInsecureRegistries(true));
  }

  private static ArtifactRequest request(String image, ImagePullPolicy policy) {
    return new ArtifactRequest(image, policy, SECRET);
  }

  @Test
  void pushThenPullWithBasicAuth() {
    String ref = registry.address() + "/virga/hello:1.0";
    String digest = pusher().push(hello, ref, CREDS);
    byte[] expectedManifest =
        OciManifest.imageManifestJson(
            new OciDescriptor(
                MediaTypes.WASMCLOUD_COMPONENT_CONFIG,
                Digests.sha256(OciPusher.config()),
                OciPusher.config().length),
            List.of(new OciDescriptor(MediaTypes.WASM_LAYER, Digests.sha256(hello), hello.length)));
    assertEquals(Digests.sha256(expectedManifest), digest);

    OciArtifactResolver r = resolver();
    assertArrayEquals(hello, r.resolve(request(ref, null)));
    assertArrayEquals(hello, read(r.cache().blobPath(Digests.sha256(hello))));
    // the same image by manifest digest
    assertArrayEquals(
        hello, r.resolve(request(registry.address() + "/virga/hello@" + digest, null)));
  }

  @Test
  void wrongPasswordIsRefusedWithTheReference() {
    String ref = registry.address() + "/virga/hello:wrong-pw";
    pusher().push(hello, ref, CREDS);
    ImagePullSecret wrong =
        ImagePullSecret.newBuilder().setUsername(USER).setPassword("nope").build();
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> resolver().resolve(new ArtifactRequest(ref, null, wrong)));
    assertEquals(
        "registry refused credentials for " + ref + " (HTTP 401): check imagePullSecret",
        e.getMessage());
    ArtifactException anonymous =
        assertThrows(
            ArtifactException.class,
            () -> resolver().resolve(new ArtifactRequest(ref, null, null)));
    assertEquals(
        "registry refused anonymous access to "
            + ref
            + " (HTTP 401): give credentials with imagePullSecret",
        anonymous.getMessage());
  }

  @Test
  void pushWithWrongPasswordIsRefused() {
    String ref = registry.address() + "/virga/hello:push-wrong";
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> pusher().push(hello, ref, new RegistryCredentials(USER, "nope")));
    assertEquals(
        "registry refused credentials for "
            + ref
            + " (HTTP 401): check --username and --password-stdin",
        e.getMessage());
  }

  @Test
  void ifNotPresentStartsFromTheCacheWithTheRegistryStoppedAndAlwaysFails() {
    try (DockerRegistry own = DockerRegistry.start(USER, PASSWORD)) {
      String ref = own.address() + "/virga/hello:offline";
      pusher().push(hello, ref, CREDS);
      assertArrayEquals(
          hello,
          resolver().resolve(request(ref, ImagePullPolicy.IMAGE_PULL_POLICY_IF_NOT_PRESENT)));
      own.close();
      assertFalse(own.isRunning());

      // a new resolver on the same cache directory: as after a host restart
      OciArtifactResolver restarted = resolver();
      assertArrayEquals(
          hello, restarted.resolve(request(ref, ImagePullPolicy.IMAGE_PULL_POLICY_IF_NOT_PRESENT)));
      assertArrayEquals(
          hello, restarted.resolve(request(ref, ImagePullPolicy.IMAGE_PULL_POLICY_UNSPECIFIED)));
      assertArrayEquals(
          hello, restarted.resolve(request(ref, ImagePullPolicy.IMAGE_PULL_POLICY_NEVER)));

      ArtifactException e =
          assertThrows(
              ArtifactException.class,
              () -> restarted.resolve(request(ref, ImagePullPolicy.IMAGE_PULL_POLICY_ALWAYS)));
      assertEquals(
          "registry "
              + own.address()
              + " is unreachable for "
              + ref
              + " (connection refused): check the registry address and that it is up",
          e.getMessage());
    }
  }

  @Test
  void alwaysFollowsTheTagAndIfNotPresentKeepsTheCachedDigest() {
    String ref = registry.address() + "/virga/moving:latest";
    pusher().push(hello, ref, CREDS);
    OciArtifactResolver r = resolver();
    assertArrayEquals(hello, r.resolve(request(ref, ImagePullPolicy.IMAGE_PULL_POLICY_ALWAYS)));
    pusher().push(echo, ref, CREDS);
    assertArrayEquals(
        hello, r.resolve(request(ref, ImagePullPolicy.IMAGE_PULL_POLICY_IF_NOT_PRESENT)));
    assertArrayEquals(echo, r.resolve(request(ref, ImagePullPolicy.IMAGE_PULL_POLICY_ALWAYS)));
    // Always recorded the new digest: IfNotPresent now starts the new component
    assertArrayEquals(
        echo, r.resolve(request(ref, ImagePullPolicy.IMAGE_PULL_POLICY_IF_NOT_PRESENT)));
  }

  @Test
  void neverWithoutCacheIsAnError() {
    String ref = registry.address() + "/virga/hello:never";
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> resolver().resolve(request(ref, ImagePullPolicy.IMAGE_PULL_POLICY_NEVER)));
    assertEquals(
        "image "
            + ref
            + " is not in the cache and imagePullPolicy is Never: pull it once with another"
            + " policy, or set imagePullPolicy to IfNotPresent",
        e.getMessage());
  }

  @Test
  void aCorruptCachedBlobIsRepulledOrRefusedUnderNever() throws IOException {
    String ref = registry.address() + "/virga/hello:corrupt";
    pusher().push(hello, ref, CREDS);
    OciArtifactResolver r = resolver();
    r.resolve(request(ref, null));
    Path blob = r.cache().blobPath(Digests.sha256(hello));
    corrupt(blob);
    assertArrayEquals(hello, r.resolve(request(ref, null)));
    assertArrayEquals(hello, read(blob));

    corrupt(blob);
    ArtifactException e =
        assertThrows(
            ArtifactException.class,
            () -> r.resolve(request(ref, ImagePullPolicy.IMAGE_PULL_POLICY_NEVER)));
    assertEquals(
        "image "
            + ref
            + " is not in the cache and imagePullPolicy is Never (the cached copy was corrupt and"
            + " has been removed): pull it once with another policy, or set imagePullPolicy to"
            + " IfNotPresent",
        e.getMessage());
    assertFalse(Files.exists(blob));
  }

  @Test
  void wasmCloudsOlderLayerTypeIsAccepted() {
    ImageReference ref = ImageReference.parse(registry.address() + "/virga/legacy:0.1");
    pusher()
        .push(
            ref,
            CREDS,
            new OciDescriptor("application/vnd.oci.image.config.v1+json", "", 0),
            OciManifest.EMPTY_CONFIG,
            MediaTypes.LEGACY_WASM_LAYER,
            hello);
    assertArrayEquals(hello, resolver().resolve(request(ref.toString(), null)));
  }

  @Test
  void anImageWithoutAWasmLayerListsTheTypesFound() {
    ImageReference ref = ImageReference.parse(registry.address() + "/virga/notwasm:1");
    pusher()
        .push(
            ref,
            CREDS,
            new OciDescriptor("application/vnd.oci.image.config.v1+json", "", 0),
            OciManifest.EMPTY_CONFIG,
            "application/vnd.oci.image.layer.v1.tar+gzip",
            new byte[] {1, 2, 3});
    ArtifactException e =
        assertThrows(
            ArtifactException.class, () -> resolver().resolve(request(ref.toString(), null)));
    assertEquals(
        "image "
            + ref
            + " has no WebAssembly layer (media types found:"
            + " [application/vnd.oci.image.layer.v1.tar+gzip]): push the component with layer"
            + " type application/wasm (bin/host push)",
        e.getMessage());
  }

  @Test
  void anUnknownTagIsNotFound() {
    String ref = registry.address() + "/virga/hello:no-such-tag";
    ArtifactException e =
        assertThrows(ArtifactException.class, () -> resolver().resolve(request(ref, null)));
    assertEquals(
        "manifest of "
            + ref
            + " not found (HTTP 404): check the repository and tag (is it pushed?)",
        e.getMessage());
  }

  @Test
  void aRegistryThatNeverAnswersTimesOut() throws Exception {
    // a listener that accepts and then stays silent: what a hung registry looks like
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      List<Socket> held = new ArrayList<>();
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept());
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      String ref = "127.0.0.1:" + silent.getLocalPort() + "/virga/hung:1";
      OciArtifactResolver r =
          new OciArtifactResolver(
              OciSettings.defaults(cacheDir)
                  .withAllowInsecureRegistries(true)
                  .withPullTimeout(Duration.ofSeconds(1)));
      long start = System.nanoTime();
      ArtifactException e =
          assertThrows(ArtifactException.class, () -> r.resolve(request(ref, null)));
      long ms = (System.nanoTime() - start) / 1_000_000;
      assertEquals(
          "pull of "
              + ref
              + " timed out after 1s: the registry did not answer in time (check the registry,"
              + " or raise --registry-pull-timeout)",
          e.getMessage());
      assertTrue(ms >= 900 && ms < 5000, "took " + ms + " ms");
      for (Socket s : held) {
        s.close();
      }
    }
  }

  private static void corrupt(Path blob) throws IOException {
    byte[] bytes = Files.readAllBytes(blob);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(blob, bytes);
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
