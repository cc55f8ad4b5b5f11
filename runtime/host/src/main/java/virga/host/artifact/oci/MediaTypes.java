package virga.host.artifact.oci;

import java.util.List;

/** The media types of OCI manifests and of the component artifacts wasmCloud publishes. */
public final class MediaTypes {
  /** The OCI image manifest. */
  public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

  /** The OCI image index (a multi-platform list of manifests). */
  public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";

  /** Docker's schema 2 manifest. */
  public static final String DOCKER_MANIFEST =
      "application/vnd.docker.distribution.manifest.v2+json";

  /** Docker's manifest list. */
  public static final String DOCKER_MANIFEST_LIST =
      "application/vnd.docker.distribution.manifest.list.v2+json";

  /** A component's layer, as wasmCloud's current tooling pushes it. */
  public static final String WASM_LAYER = "application/wasm";

  /** The layer type of wasmCloud's older tooling (still accepted when pulling). */
  public static final String LEGACY_WASM_LAYER =
      "application/vnd.module.wasm.content.layer.v1+wasm";

  /** The config media type wasmCloud uses for a component artifact. */
  public static final String WASMCLOUD_COMPONENT_CONFIG =
      "application/vnd.wasmcloud.component.config.v1+json";

  /** The layer types that carry a component, in the order they are looked for. */
  public static final List<String> WASM_LAYERS = List.of(WASM_LAYER, LEGACY_WASM_LAYER);

  /** The Accept header of a manifest request. */
  static final String MANIFEST_ACCEPT =
      String.join(", ", OCI_MANIFEST, DOCKER_MANIFEST, OCI_INDEX, DOCKER_MANIFEST_LIST);

  private MediaTypes() {}
}
