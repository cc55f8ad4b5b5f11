package virga.operator.conditions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Iterator;
import java.util.Map;

/**
 * Patches only what changed in a status on the status subresource, like controller-runtime's {@code
 * client.MergeFrom}: no resourceVersion, so a stale cache cannot make it fail; arrays are replaced
 * whole and removed fields removed. The change is computed as a JSON merge patch (RFC 7386) and
 * sent as the equivalent JSON patch (RFC 6902) of add/remove operations, because the fabric8 mock
 * server appends to arrays on a merge patch. The first status of an object (it had none) goes as a
 * merge patch of the whole status: there is no {@code /status} yet for operations to go below.
 */
public final class StatusPatch {
  /** How often a patch refused with a conflict or a server error is tried again. */
  public static final int ATTEMPTS = 3;

  private StatusPatch() {}

  /** The status of {@code resource} as a JSON tree (null when it has none). */
  public static JsonNode snapshot(Object status) {
    return status == null ? NullNode.getInstance() : Serialization.jsonMapper().valueToTree(status);
  }

  /**
   * The merge patch turning {@code before} into {@code after}: changed and new members, null for
   * removed ones; arrays and scalars are replaced whole. Empty when nothing changed.
   */
  public static JsonNode diff(JsonNode before, JsonNode after) {
    if (after == null || after.isNull()) {
      return before == null || before.isNull() ? JsonNodeFactory.instance.objectNode() : after;
    }
    if (before == null || !before.isObject() || !after.isObject()) {
      return after.equals(before) ? JsonNodeFactory.instance.objectNode() : after;
    }
    ObjectNode patch = JsonNodeFactory.instance.objectNode();
    Iterator<Map.Entry<String, JsonNode>> fields = after.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode old = before.get(field.getKey());
      JsonNode now = field.getValue();
      if (old == null || old.isNull()) {
        if (!now.isNull()) {
          patch.set(field.getKey(), now);
        }
      } else if (old.isObject() && now.isObject()) {
        JsonNode sub = diff(old, now);
        if (sub.size() > 0) {
          patch.set(field.getKey(), sub);
        }
      } else if (!old.equals(now)) {
        patch.set(field.getKey(), now);
      }
    }
    Iterator<String> names = before.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!after.has(name) && !before.get(name).isNull()) {
        patch.putNull(name);
      }
    }
    return patch;
  }

  /**
   * The JSON patch operations that apply merge patch {@code mergePatch} to {@code before} at {@code
   * path}: nested objects that exist are descended into, everything else is added (an add on an
   * existing member replaces it) or, for null, removed.
   */
  public static ArrayNode jsonPatch(JsonNode before, JsonNode mergePatch, String path) {
    ArrayNode ops = JsonNodeFactory.instance.arrayNode();
    if (before == null || before.isNull() || !before.isObject() || !mergePatch.isObject()) {
      ops.add(op("add", path, mergePatch));
      return ops;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = mergePatch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String child = path + "/" + field.getKey().replace("~", "~0").replace("/", "~1");
      JsonNode old = before.get(field.getKey());
      JsonNode value = field.getValue();
      if (value.isNull()) {
        ops.add(op("remove", child, null));
      } else if (old != null && old.isObject() && value.isObject()) {
        ops.addAll(jsonPatch(old, value, child));
      } else {
        ops.add(op("add", child, value));
      }
    }
    return ops;
  }

  private static ObjectNode op(String name, String path, JsonNode value) {
    ObjectNode op = JsonNodeFactory.instance.objectNode();
    op.put("op", name);
    op.put("path", path);
    if (value != null) {
      op.set("value", value);
    }
    return op;
  }

  /**
   * Sends the change from {@code originalStatus} to the resource's current status; returns false
   * (and sends nothing) when there is none. When the resource had no status ({@code originalStatus}
   * null) the whole status goes as one merge patch, else as a JSON patch.
   */
  public static boolean apply(
      KubernetesClient client,
      HasMetadata resource,
      Object currentStatus,
      JsonNode originalStatus) {
    JsonNode statusPatch = diff(originalStatus, snapshot(currentStatus));
    if (statusPatch.isObject() && statusPatch.size() == 0) {
      return false;
    }
    PatchType type;
    String json;
    if (originalStatus == null || originalStatus.isNull()) {
      // the object had no status: JSON-patch operations below /status would be refused (422), and
      // an "add /status" would wipe what another writer put there meanwhile; merge it in instead
      type = PatchType.JSON_MERGE;
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.set("status", statusPatch);
      json = body.toString();
    } else {
      type = PatchType.JSON;
      json = jsonPatch(originalStatus, statusPatch, "/status").toString();
    }
    KubernetesClientException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        client.resource(resource).subresource("status").patch(PatchContext.of(type), json);
        return true;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 && e.getCode() < 500) {
          throw e;
        }
        last = e;
      }
    }
    throw last;
  }
}
