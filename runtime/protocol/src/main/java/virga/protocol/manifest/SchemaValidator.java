package virga.protocol.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks a document against an OpenAPI v3 structural schema as the API server does for {@code
 * kubectl apply} (types, required fields, unknown fields, patterns, lengths, item counts, minimums,
 * int32 range and the CEL rules of {@link HostInterfaceRules}), and completes it as the API server
 * does: null fields are dropped and defaults filled in. Every problem found is reported.
 */
final class SchemaValidator {
  private static final BigInteger INT32_MIN = BigInteger.valueOf(Integer.MIN_VALUE);
  private static final BigInteger INT32_MAX = BigInteger.valueOf(Integer.MAX_VALUE);

  private final ManifestDocument doc;
  private final List<String> problems = new ArrayList<>();

  private SchemaValidator(ManifestDocument doc) {
    this.doc = doc;
  }

  /** The problems of {@code doc} against {@code schema}, one line each; completes the document. */
  static List<String> validate(ManifestDocument doc, JsonNode schema) {
    SchemaValidator v = new SchemaValidator(doc);
    v.check(schema, doc.root(), "", "", null);
    return v.problems;
  }

  private void check(JsonNode schema, JsonNode value, String ptr, String path, String about) {
    String description = schema.hasNonNull("description") ? text(schema, "description") : about;
    String type = schema.path("type").asText("");
    int before = problems.size();
    switch (type) {
      case "object" -> {
        if (!value.isObject()) {
          mismatch(ptr, path, "a mapping", value);
          return;
        }
        object(schema, (ObjectNode) value, ptr, path);
      }
      case "array" -> {
        if (!value.isArray()) {
          mismatch(ptr, path, "a list", value);
          return;
        }
        array(schema, (ArrayNode) value, ptr, path, description);
      }
      case "string" -> {
        if (!value.isTextual()) {
          mismatch(ptr, path, "a string", value);
          return;
        }
        string(schema, value.asText(), ptr, path, description);
      }
      case "integer" -> {
        if (!value.isIntegralNumber()) {
          mismatch(ptr, path, "an integer", value);
          return;
        }
        integer(schema, value.bigIntegerValue(), ptr, path);
      }
      case "boolean" -> {
        if (!value.isBoolean()) {
          mismatch(ptr, path, "true or false", value);
          return;
        }
      }
      case "number" -> {
        if (!value.isNumber()) {
          mismatch(ptr, path, "a number", value);
          return;
        }
      }
      default -> {
        // untyped: anything goes
      }
    }
    if (problems.size() == before) {
      for (JsonNode rule : schema.path("x-kubernetes-validations")) {
        HostInterfaceRules.check(text(rule, "rule"), text(rule, "message"), value)
            .ifPresent(p -> problem(ptr, path, p));
      }
    }
  }

  private void object(JsonNode schema, ObjectNode value, String ptr, String path) {
    // the API server drops null fields before it validates
    value.properties().removeIf(e -> e.getValue().isNull());
    JsonNode props = schema.path("properties");
    JsonNode additional = schema.get("additionalProperties");
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      String key = e.getKey();
      String childPtr = ptr + "/" + YamlDocuments.escape(key);
      if (props.has(key)) {
        check(props.get(key), e.getValue(), childPtr, field(path, key), null);
      } else if (additional != null && additional.isObject()) {
        check(additional, e.getValue(), childPtr, path + "[" + key + "]", null);
      } else if (!preserve) {
        List<String> known = new ArrayList<>();
        props.fieldNames().forEachRemaining(known::add);
        known.remove("status");
        known.sort(null);
        problem(
            childPtr,
            field(path, key),
            known.isEmpty()
                ? "unknown field: " + path + " takes no fields; remove it"
                : "unknown field: check the spelling ("
                    + (path.isEmpty() ? "top-level fields" : "fields of " + path)
                    + ": "
                    + String.join(", ", known)
                    + ")");
      }
    }
    for (JsonNode r : schema.path("required")) {
      String name = r.asText();
      if (!value.has(name)) {
        JsonNode about = props.path(name).path("description");
        problem(
            ptr,
            field(path, name),
            "required field missing: add it"
                + (about.isTextual() ? " (" + sentence(about.asText()) + ")" : ""));
      }
    }
    if (props.isEmpty() && additional != null && additional.isObject()) {
      // a map comes back from the API server with its keys sorted (Go's encoding/json), and that
      // is the order the operator reads config in
      Map<String, JsonNode> sorted = new TreeMap<>();
      value.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
      value.removeAll();
      value.setAll(sorted);
    }
    for (Map.Entry<String, JsonNode> p : props.properties()) {
      if (!value.has(p.getKey()) && p.getValue().has("default")) {
        value.set(p.getKey(), p.getValue().get("default").deepCopy());
      }
    }
  }

  private void array(
      JsonNode schema, ArrayNode value, String ptr, String path, String description) {
    int min = schema.path("minItems").asInt(0);
    if (value.size() < min) {
      problem(
          ptr,
          path,
          "needs at least "
              + min
              + (min == 1 ? " item" : " items")
              + (description == null ? "" : ": " + sentence(description)));
    }
    if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
      problem(
          ptr,
          path,
          "has "
              + value.size()
              + " items, more than the "
              + schema.get("maxItems").asInt()
              + " allowed: remove some");
    }
    JsonNode items = schema.get("items");
    if (items != null) {
      for (int i = 0; i < value.size(); i++) {
        JsonNode item = value.get(i);
        if (item.isNull()) {
          problem(ptr + "/" + i, path + "[" + i + "]", "empty list item: remove it or fill it in");
        } else {
          check(items, item, ptr + "/" + i, path + "[" + i + "]", description);
        }
      }
    }
  }

  private void string(JsonNode schema, String s, String ptr, String path, String description) {
    if (schema.has("maxLength") && s.length() > schema.get("maxLength").asInt()) {
      problem(
          ptr,
          path,
          quote(s)
              + " is longer than "
              + schema.get("maxLength").asInt()
              + " characters: shorten it");
    }
    if (schema.has("pattern")) {
      String pattern = text(schema, "pattern");
      if (!Pattern.compile(pattern).matcher(s).find()) {
        // the description says in words what the pattern says in regex
        problem(
            ptr,
            path,
            quote(s)
                + (description == null
                    ? " does not match " + pattern
                    : " is not valid: " + sentence(description)));
      }
    }
  }

  private void integer(JsonNode schema, BigInteger n, String ptr, String path) {
    boolean int64 = "int64".equals(schema.path("format").asText());
    if (!int64 && (n.compareTo(INT32_MIN) < 0 || n.compareTo(INT32_MAX) > 0)) {
      problem(
          ptr,
          path,
          n + " is out of range: use a whole number from " + INT32_MIN + " to " + INT32_MAX);
      return;
    }
    if (schema.has("minimum")) {
      long min = (long) schema.get("minimum").asDouble();
      if (n.compareTo(BigInteger.valueOf(min)) < 0) {
        problem(ptr, path, n + " is less than " + min + ": use " + min + " or more");
      }
    }
  }

  private void mismatch(String ptr, String path, String expected, JsonNode value) {
    String got;
    String hint;
    if (value.isObject()) {
      got = "a mapping";
      hint = "check the indentation";
    } else if (value.isArray()) {
      got = "a list";
      hint = "check the indentation";
    } else if (value.isTextual()) {
      got = "the string " + quote(value.asText());
      hint =
          expected.equals("an integer") || expected.equals("true or false")
              ? "write it without quotes"
              : "check the indentation";
    } else {
      String raw = doc.raw().getOrDefault(ptr, value.asText());
      got = (value.isBoolean() ? "the boolean " : "the number ") + raw;
      hint =
          expected.equals("a string")
              ? "quote it, as in " + quote(raw)
              : "write " + expected + " instead";
    }
    problem(ptr, path, "must be " + expected + ", not " + got + ": " + hint);
  }

  private void problem(String ptr, String path, String what) {
    problems.add(doc.prefix(ptr) + (path.isEmpty() ? "" : path + ": ") + what);
  }

  private static String field(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }

  private static String text(JsonNode node, String field) {
    return node.path(field).asText();
  }

  /** A description as a clause: without its final period. */
  private static String sentence(String description) {
    String s = description.strip();
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
