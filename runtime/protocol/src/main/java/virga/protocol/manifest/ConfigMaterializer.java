package virga.protocol.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns config layers into plain maps, as wasmCloud's {@code MaterializeConfigLayer}: inline {@code
 * config} &lt; every {@code configFrom} ConfigMap in list order &lt; every {@code secretFrom}
 * Secret in list order. Works on the JSON tree of a layer or a WorkloadSpec (field names as in the
 * CRD), so the operator and the standalone host share it. Pure apart from the {@link ConfigSource}.
 */
public final class ConfigMaterializer {
  private ConfigMaterializer() {}

  /** The merged map of one layer ({@code config}, {@code configFrom}, {@code secretFrom}). */
  public static Map<String, String> materialize(
      JsonNode layer, String namespace, ConfigSource source) throws MissingConfigException {
    Map<String, String> out = new LinkedHashMap<>();
    if (layer == null || layer.isNull()) {
      return out;
    }
    Map<String, String> inline = Trees.stringMap(layer, "config");
    if (inline != null) {
      out.putAll(inline);
    }
    for (ConfigRef ref : refs(layer, namespace)) {
      out.putAll(source.read(ref));
    }
    return out;
  }

  /** The ConfigMaps then Secrets of one layer, in precedence order. */
  public static List<ConfigRef> refs(JsonNode layer, String namespace) {
    return layerReferences(layer, "", namespace).stream().map(ConfigReference::ref).toList();
  }

  /**
   * Every ConfigMap and Secret whose data reaches the workload (host interfaces, component and
   * service environments; not pull secrets), without duplicates, in spec order.
   */
  public static List<ConfigRef> references(JsonNode spec, String namespace) {
    Set<ConfigRef> out = new LinkedHashSet<>();
    for (ConfigReference r : uses(spec, namespace)) {
      if (!ConfigReference.IMAGE_PULL_SECRET.equals(r.field())) {
        out.add(r.ref());
      }
    }
    return List.copyOf(out);
  }

  /**
   * Every reference of a WorkloadSpec to a ConfigMap or Secret, pull secrets included, each with
   * the place it is made, in spec order and with repetitions.
   */
  public static List<ConfigReference> uses(JsonNode spec, String namespace) {
    List<ConfigReference> out = new ArrayList<>();
    if (spec == null || spec.isNull()) {
      return out;
    }
    List<JsonNode> his = Trees.list(spec, "hostInterfaces");
    for (int i = 0; i < his.size(); i++) {
      out.addAll(layerReferences(his.get(i), "/hostInterfaces/" + i, namespace));
    }
    List<JsonNode> components = Trees.list(spec, "components");
    for (int i = 0; i < components.size(); i++) {
      out.addAll(itemReferences(components.get(i), "/components/" + i, namespace));
    }
    JsonNode service = Trees.node(spec, "service");
    if (service != null) {
      out.addAll(itemReferences(service, "/service", namespace));
    }
    return out;
  }

  private static List<ConfigReference> itemReferences(JsonNode item, String at, String ns) {
    List<ConfigReference> out = new ArrayList<>();
    String pull = Trees.text(Trees.node(item, "imagePullSecret"), "name");
    if (pull != null && !pull.isEmpty()) {
      out.add(
          new ConfigReference(
              at + "/imagePullSecret",
              ConfigReference.IMAGE_PULL_SECRET,
              ConfigRef.secret(ns, pull)));
    }
    JsonNode env = Trees.node(Trees.node(item, "localResources"), "environment");
    out.addAll(layerReferences(env, at + "/localResources/environment", ns));
    return out;
  }

  private static List<ConfigReference> layerReferences(JsonNode layer, String at, String ns) {
    List<ConfigReference> out = new ArrayList<>();
    if (layer == null || layer.isNull()) {
      return out;
    }
    List<JsonNode> cms = Trees.list(layer, "configFrom");
    for (int i = 0; i < cms.size(); i++) {
      String name = Trees.text(cms.get(i), "name");
      out.add(
          new ConfigReference(
              at + "/configFrom/" + i, "configFrom", ConfigRef.configMap(ns, nonNull(name))));
    }
    List<JsonNode> secrets = Trees.list(layer, "secretFrom");
    for (int i = 0; i < secrets.size(); i++) {
      String name = Trees.text(secrets.get(i), "name");
      out.add(
          new ConfigReference(
              at + "/secretFrom/" + i, "secretFrom", ConfigRef.secret(ns, nonNull(name))));
    }
    return out;
  }

  // the typed model lets a reference without a name through as null; the API server's lookup of ""
  // then fails as "not found", and so does ours
  private static String nonNull(String name) {
    return name == null ? "" : name;
  }
}
