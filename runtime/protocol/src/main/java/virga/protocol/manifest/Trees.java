package virga.protocol.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a WorkloadSpec tree the way the operator reads its typed model: an absent or null field is
 * null (or empty for lists and maps), never a default value.
 */
final class Trees {
  private Trees() {}

  /** The field's node, or null when it is absent or JSON null. */
  static JsonNode node(JsonNode parent, String field) {
    if (parent == null) {
      return null;
    }
    JsonNode n = parent.get(field);
    return n == null || n.isNull() || n.isMissingNode() ? null : n;
  }

  /** The field as text, or null. */
  static String text(JsonNode parent, String field) {
    JsonNode n = node(parent, field);
    return n == null ? null : n.asText();
  }

  /** The field as an int, or null. */
  static Integer integer(JsonNode parent, String field) {
    JsonNode n = node(parent, field);
    return n == null ? null : n.asInt();
  }

  /** The elements of an array field (empty when absent). */
  static List<JsonNode> list(JsonNode parent, String field) {
    JsonNode n = node(parent, field);
    List<JsonNode> out = new ArrayList<>();
    if (n != null) {
      n.forEach(out::add);
    }
    return out;
  }

  /** The text elements of an array field (empty when absent). */
  static List<String> strings(JsonNode parent, String field) {
    return list(parent, field).stream().map(JsonNode::asText).toList();
  }

  /** A string map field in document order, or null when absent. */
  static Map<String, String> stringMap(JsonNode parent, String field) {
    JsonNode n = node(parent, field);
    if (n == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    n.properties()
        .forEach(
            e -> {
              if (!e.getValue().isNull()) {
                out.put(e.getKey(), e.getValue().asText());
              }
            });
    return out;
  }
}
