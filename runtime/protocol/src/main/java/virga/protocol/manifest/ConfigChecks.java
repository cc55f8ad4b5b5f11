package virga.protocol.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks, before anything is built, that every ConfigMap and Secret a standalone workload names is
 * there and that pull secrets hold docker credentials, so that each problem can point at the
 * reference that causes it.
 */
final class ConfigChecks {
  private ConfigChecks() {}

  /** Adds one problem per missing or unusable object {@code w} refers to. */
  static void check(PlannedWorkload w, ConfigSource source, List<String> problems) {
    JsonNode spec = w.object().spec();
    for (ConfigReference r : ConfigMaterializer.uses(spec, w.object().namespace())) {
      String at = w.specPointer() + r.pointer();
      Optional<Map<String, String>> data = read(source, r.ref());
      if (data.isEmpty()) {
        problems.add(w.doc().problem(at, missing(r)));
        continue;
      }
      if (ConfigReference.IMAGE_PULL_SECRET.equals(r.field())) {
        String holder = r.pointer().substring(0, r.pointer().lastIndexOf('/'));
        String image = spec.at(holder).path("image").asText();
        try {
          PullSecrets.forImage(image, data.get());
        } catch (IllegalArgumentException e) {
          problems.add(
              w.doc()
                  .problem(
                      at,
                      r.ref()
                          + " "
                          + e.getMessage()
                          + ": give it the type kubernetes.io/dockerconfigjson and a "
                          + PullSecrets.DOCKER_CONFIG_JSON
                          + " key"));
        }
      }
    }
  }

  private static Optional<Map<String, String>> read(ConfigSource source, ConfigRef ref) {
    try {
      return Optional.of(source.read(ref));
    } catch (MissingConfigException e) {
      return Optional.empty();
    }
  }

  private static String missing(ConfigReference r) {
    ConfigRef ref = r.ref();
    String what =
        ConfigReference.IMAGE_PULL_SECRET.equals(r.field())
            ? "a Secret of type kubernetes.io/dockerconfigjson"
            : "a " + ref.kind();
    String remove =
        ConfigReference.IMAGE_PULL_SECRET.equals(r.field())
            ? "remove imagePullSecret"
            : "remove it from " + r.field();
    return ref
        + " not found: add "
        + what
        + " named "
        + ref.name()
        + " in namespace "
        + ref.namespace()
        + " to the manifest or a config path, or "
        + remove;
  }
}
