package virga.protocol.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The schema of each kind a standalone manifest may hold: the CRDs' own OpenAPI schemas (the files
 * in {@code crds/generated}, which the API server validates with) and the core ConfigMap and
 * Secret, each with {@code apiVersion}, {@code kind} and {@code metadata} added at the root.
 */
final class ManifestSchemas {
  /** The API version of the wasmCloud kinds. */
  static final String WASMCLOUD = "runtime.wasmcloud.dev/v1alpha1";

  /** The API version of ConfigMap and Secret. */
  static final String CORE = "v1";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final String BASE = "/virga/protocol/manifest/";
  private static final Map<String, Kind> KINDS = load();

  /** A kind: its API version and the schema of a whole object. */
  record Kind(String apiVersion, String kind, ObjectNode schema) {}

  private ManifestSchemas() {}

  /** The kind named {@code kind}, if a manifest may hold it. */
  static Optional<Kind> kind(String kind) {
    return Optional.ofNullable(KINDS.get(kind));
  }

  private static Map<String, Kind> load() {
    Map<String, Kind> out = new LinkedHashMap<>();
    crd(out, "WorkloadDeployment", "workloaddeployments");
    crd(out, "WorkloadReplicaSet", "workloadreplicasets");
    crd(out, "Workload", "workloads");
    crd(out, "Artifact", "artifacts");
    JsonNode core = read("core-v1.yaml");
    ObjectNode meta = (ObjectNode) core.get("ObjectMeta");
    for (String kind : new String[] {"ConfigMap", "Secret"}) {
      out.put(kind, new Kind(CORE, kind, root((ObjectNode) core.get(kind).deepCopy(), meta)));
    }
    return Map.copyOf(out);
  }

  private static void crd(Map<String, Kind> out, String kind, String plural) {
    JsonNode crd = read("crds/" + plural + ".runtime.wasmcloud.dev-v1.yml");
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (("runtime.wasmcloud.dev/" + version.path("name").asText()).equals(WASMCLOUD)) {
        ObjectNode schema = (ObjectNode) version.path("schema").path("openAPIV3Schema").deepCopy();
        ObjectNode root = root(schema, (ObjectNode) read("core-v1.yaml").get("ObjectMeta"));
        root.withArray("required").add("spec");
        out.put(kind, new Kind(WASMCLOUD, kind, root));
        return;
      }
    }
    throw new IllegalStateException("the CRD of " + kind + " does not serve " + WASMCLOUD);
  }

  /** Adds apiVersion, kind and metadata to an object schema; status is not checked. */
  private static ObjectNode root(ObjectNode schema, ObjectNode meta) {
    ObjectNode props = schema.withObject("properties");
    props.putObject("apiVersion").put("type", "string");
    props.putObject("kind").put("type", "string");
    props.set("metadata", meta.deepCopy());
    // kubectl apply ignores the status of objects whose status is a subresource
    props
        .putObject("status")
        .put("type", "object")
        .put("x-kubernetes-preserve-unknown-fields", true);
    schema.withArray("required").add("metadata");
    return schema;
  }

  private static JsonNode read(String name) {
    try (InputStream in = ManifestSchemas.class.getResourceAsStream(BASE + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + BASE + name);
      }
      return YAML.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
