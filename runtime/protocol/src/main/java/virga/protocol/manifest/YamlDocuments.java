package virga.protocol.manifest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Splits multi-document YAML into {@link ManifestDocument}s, keeping the line of every node. Empty
 * documents are skipped; duplicate keys and aliases are refused, as {@code kubectl} refuses them.
 */
final class YamlDocuments {
  private static final YAMLFactory YAML = new YAMLFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private YamlDocuments() {}

  /** The non-empty documents of {@code text}, read from the file named {@code source}. */
  static List<ManifestDocument> read(String source, String text) throws ManifestException {
    List<ManifestDocument> out = new ArrayList<>();
    try (YAMLParser p = YAML.createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = line(p);
        if (t == JsonToken.VALUE_NULL) {
          continue;
        }
        if (t != JsonToken.START_OBJECT) {
          throw new ManifestException(
              source
                  + ":"
                  + line
                  + ": a document must be a mapping with apiVersion, kind and metadata, not "
                  + (t == JsonToken.START_ARRAY ? "a list" : "the scalar \"" + p.getText() + "\"")
                  + ": write each object as its own document, separated by ---");
        }
        Reader r = new Reader(source, p);
        ObjectNode root = r.object("");
        r.lines.put("", line);
        out.add(new ManifestDocument(source, root, Map.copyOf(r.lines), Map.copyOf(r.raw)));
      }
    } catch (JsonProcessingException e) {
      throw new ManifestException(invalid(source, e));
    } catch (IOException e) {
      throw new ManifestException(source + ": cannot read: " + e.getMessage());
    }
    return out;
  }

  private static String invalid(String source, JsonProcessingException e) {
    if (e.getCause() instanceof MarkedYAMLException y && y.getProblemMark() != null) {
      String context =
          y.getContext() == null || y.getContextMark() == null
              ? ""
              : " ("
                  + y.getContext()
                  + " at line "
                  + (y.getContextMark().getLine() + 1)
                  + ", column "
                  + (y.getContextMark().getColumn() + 1)
                  + ")";
      return source
          + ":"
          + (y.getProblemMark().getLine() + 1)
          + ":"
          + (y.getProblemMark().getColumn() + 1)
          + ": invalid YAML: "
          + y.getProblem()
          + context
          + ": check the indentation and quoting there";
    }
    String where =
        e.getLocation() == null
            ? ""
            : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
    return source
        + where
        + ": invalid YAML: "
        + e.getOriginalMessage()
        + ": check the indentation and quoting there";
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  /** Builds one document's tree from the parser, positioned on its START_OBJECT. */
  private static final class Reader {
    private final String source;
    private final YAMLParser p;
    private final Map<String, Integer> lines = new HashMap<>();
    private final Map<String, String> raw = new HashMap<>();

    Reader(String source, YAMLParser p) {
      this.source = source;
      this.p = p;
    }

    ObjectNode object(String at) throws IOException, ManifestException {
      ObjectNode node = NODES.objectNode();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        String child = at + "/" + escape(key);
        int line = line(p);
        Integer first = lines.get(child);
        if (node.has(key)) {
          throw new ManifestException(
              source
                  + ":"
                  + line
                  + ": key \""
                  + key
                  + "\" appears twice in this mapping (first on line "
                  + first
                  + "): remove one");
        }
        lines.put(child, line);
        p.nextToken();
        node.set(key, value(child));
      }
      if (t != JsonToken.END_OBJECT) {
        throw new IllegalStateException("unexpected " + t + " in a mapping");
      }
      return node;
    }

    private ArrayNode array(String at) throws IOException, ManifestException {
      ArrayNode node = NODES.arrayNode();
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        String child = at + "/" + i++;
        lines.put(child, line(p));
        node.add(value(child));
      }
      return node;
    }

    /** The value whose first token is current. */
    private JsonNode value(String at) throws IOException, ManifestException {
      JsonToken t = p.currentToken();
      if (p.isCurrentAlias()) {
        throw new ManifestException(
            source
                + ":"
                + line(p)
                + ": YAML aliases (*"
                + p.getText()
                + ") are not supported: write the value out");
      }
      switch (t) {
        case START_OBJECT:
          return object(at);
        case START_ARRAY:
          return array(at);
        case VALUE_STRING:
          return NODES.textNode(p.getText());
        case VALUE_NULL:
          return NODES.nullNode();
        default:
          break;
      }
      raw.put(at, p.getText());
      return switch (t) {
        case VALUE_TRUE -> NODES.booleanNode(true);
        case VALUE_FALSE -> NODES.booleanNode(false);
        case VALUE_NUMBER_INT ->
            switch (p.getNumberType()) {
              case INT -> NODES.numberNode(p.getIntValue());
              case LONG -> NODES.numberNode(p.getLongValue());
              default -> NODES.numberNode(p.getBigIntegerValue());
            };
        case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
        default -> NODES.textNode(p.getText());
      };
    }
  }

  /** A JSON pointer segment: {@code ~} and {@code /} escaped. */
  static String escape(String key) {
    return key.replace("~", "~0").replace("/", "~1");
  }
}
