package virga.operator.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * The JSON tree of a typed CRD object (a WorkloadSpec, a ConfigLayer), in the shape the API server
 * stores it, for the manifest code of runtime/protocol that the operator shares with the standalone
 * host.
 */
public final class SpecTrees {
  private SpecTrees() {}

  /** {@code value} as a tree with the CRD's field names; null stays null. */
  public static JsonNode of(Object value) {
    return value == null ? null : Serialization.jsonMapper().valueToTree(value);
  }
}
