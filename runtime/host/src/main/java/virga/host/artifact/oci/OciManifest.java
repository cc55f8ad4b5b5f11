package virga.host.artifact.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import virga.host.artifact.ArtifactException;

/**
 * A parsed image manifest (OCI or Docker schema 2) or index, and how component artifacts are
 * written.
 *
 * @param mediaType the manifest's media type
 * @param config the config descriptor, or null (an index has none)
 * @param layers the layers in order (empty for an index)
 * @param manifests an index's manifests (empty for an image manifest)
 */
public record OciManifest(
    String mediaType, OciDescriptor config, List<OciDescriptor> layers, List<Entry> manifests) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The empty OCI config blob ({@code {}}). */
  public static final byte[] EMPTY_CONFIG = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  /** Parses {@code json}; {@code contentType} is the HTTP Content-Type, used when JSON has none. */
  static OciManifest parse(ImageReference ref, byte[] json, String contentType) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (IOException e) {
      throw new ArtifactException(
          "the manifest of " + ref + " is not valid JSON: the registry sent something else", e);
    }
    String type = root.path("mediaType").asText("");
    if (type.isEmpty()) {
      type = contentType == null ? "" : contentType.split(";")[0].strip();
    }
    List<Entry> manifests = new ArrayList<>();
    for (JsonNode m : root.path("manifests")) {
      manifests.add(new Entry(descriptor(m), m.path("platform").path("architecture").asText("")));
    }
    List<OciDescriptor> layers = new ArrayList<>();
    for (JsonNode l : root.path("layers")) {
      layers.add(descriptor(l));
    }
    OciDescriptor config = root.has("config") ? descriptor(root.get("config")) : null;
    return new OciManifest(type, config, List.copyOf(layers), List.copyOf(manifests));
  }

  /** Whether this is an index (a list of manifests) rather than an image manifest. */
  boolean isIndex() {
    return !manifests.isEmpty()
        || type(MediaTypes.OCI_INDEX)
        || type(MediaTypes.DOCKER_MANIFEST_LIST);
  }

  /** From an index: the manifest for architecture {@code wasm}, else the first. */
  Optional<OciDescriptor> pickFromIndex() {
    return manifests.stream()
        .filter(e -> e.architecture().equals("wasm"))
        .findFirst()
        .or(() -> manifests.stream().findFirst())
        .map(Entry::descriptor);
  }

  /** The first layer with a component media type. */
  Optional<OciDescriptor> wasmLayer() {
    return layers.stream().filter(l -> MediaTypes.WASM_LAYERS.contains(l.mediaType())).findFirst();
  }

  /** The JSON of an OCI image manifest with {@code config} and {@code layers}. */
  public static byte[] imageManifestJson(OciDescriptor config, List<OciDescriptor> layers) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schemaVersion", 2);
    root.put("mediaType", MediaTypes.OCI_MANIFEST);
    root.set("config", node(config));
    ArrayNode ls = root.putArray("layers");
    layers.forEach(l -> ls.add(node(l)));
    try {
      return JSON.writeValueAsBytes(root);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean type(String t) {
    return mediaType.equals(t);
  }

  private static ObjectNode node(OciDescriptor d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("mediaType", d.mediaType());
    n.put("digest", d.digest());
    n.put("size", d.size());
    return n;
  }

  private static OciDescriptor descriptor(JsonNode n) {
    return new OciDescriptor(
        n.path("mediaType").asText(""), n.path("digest").asText(""), n.path("size").asLong(-1));
  }

  /**
   * One manifest of an index.
   *
   * @param descriptor the manifest's descriptor
   * @param architecture its platform's architecture, or empty
   */
  public record Entry(OciDescriptor descriptor, String architecture) {}
}
