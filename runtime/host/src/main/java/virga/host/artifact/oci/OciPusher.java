package virga.host.artifact.oci;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Publishes a component as wasmCloud's tooling does: an OCI image manifest whose config is a {@code
 * application/vnd.wasmcloud.component.config.v1+json} blob and whose one layer is the component as
 * {@code application/wasm}.
 */
public final class OciPusher {
  private final RegistryClient client;
  private final Duration timeout;

  /**
   * A pusher speaking plain HTTP when {@code insecure}, trusting the JDK's CAs and {@code caFiles}.
   */
  public OciPusher(boolean insecure, List<Path> caFiles, Duration timeout) {
    this.client = new RegistryClient(insecure, caFiles);
    this.timeout = timeout;
  }

  /** The config blob of a component artifact. */
  static byte[] config() {
    return "{\"architecture\":\"wasm\",\"os\":\"wasip2\"}".getBytes(StandardCharsets.UTF_8);
  }

  /** Pushes {@code component} to {@code reference} (a tag); returns the manifest's digest. */
  public String push(byte[] component, String reference, RegistryCredentials credentials) {
    ImageReference ref = ImageReference.parse(reference);
    return push(
        ref,
        credentials,
        new OciDescriptor(MediaTypes.WASMCLOUD_COMPONENT_CONFIG, "", 0),
        config(),
        MediaTypes.WASM_LAYER,
        component);
  }

  /**
   * Pushes an artifact with one layer of {@code layerType} (also used to publish the older
   * wasmCloud layer type in tests).
   */
  public String push(
      ImageReference ref,
      RegistryCredentials credentials,
      OciDescriptor configType,
      byte[] config,
      String layerType,
      byte[] layer) {
    RegistrySession s = RegistrySession.push(ref, credentials, timeout);
    OciDescriptor c = client.pushBlob(s, ref, configType.mediaType(), config);
    OciDescriptor l = client.pushBlob(s, ref, layerType, layer);
    byte[] manifest = OciManifest.imageManifestJson(c, List.of(l));
    return client.pushManifest(s, ref, MediaTypes.OCI_MANIFEST, manifest);
  }
}
