package virga.protocol.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * One YAML document of a manifest, with the line of every node so that errors can point at it.
 *
 * @param source the file it comes from, as the user named it
 * @param root the document
 * @param lines 1-based line of each node by JSON pointer ({@code ""} is the document)
 * @param raw the source text of each scalar that is not a string ({@code 1.10}, {@code yes})
 */
record ManifestDocument(
    String source, ObjectNode root, Map<String, Integer> lines, Map<String, String> raw) {
  /** The kind, or null. */
  String kind() {
    return Trees.text(root, "kind");
  }

  /** The apiVersion, or null. */
  String apiVersion() {
    return Trees.text(root, "apiVersion");
  }

  /** {@code metadata.name}, or null. */
  String name() {
    return Trees.text(Trees.node(root, "metadata"), "name");
  }

  /** {@code metadata.namespace}, or {@code default} as {@code kubectl apply} without -n. */
  String namespace() {
    String ns = Trees.text(Trees.node(root, "metadata"), "namespace");
    return ns == null || ns.isEmpty() ? "default" : ns;
  }

  /** The line of the node at {@code pointer}, or of its nearest ancestor that exists. */
  int line(String pointer) {
    String p = pointer;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      if (p.isEmpty()) {
        return 1;
      }
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }

  /** {@code file:line} of the node at {@code pointer}. */
  String at(String pointer) {
    return source + ":" + line(pointer);
  }

  /** {@code WorkloadDeployment default/hello}, as far as the document says. */
  String describe() {
    String kind = kind() == null ? "object" : kind();
    String name = name();
    return name == null ? kind + " without a name" : kind + " " + namespace() + "/" + name;
  }

  /**
   * The field path of a JSON pointer as kubectl prints it: {@code /spec/components/0/image} is
   * {@code spec.components[0].image}.
   */
  static String path(String pointer) {
    StringBuilder out = new StringBuilder();
    for (String seg : pointer.split("/")) {
      if (seg.isEmpty()) {
        continue;
      }
      String s = seg.replace("~1", "/").replace("~0", "~");
      if (s.chars().allMatch(Character::isDigit)) {
        out.append('[').append(s).append(']');
      } else {
        out.append(out.length() == 0 ? "" : ".").append(s);
      }
    }
    return out.toString();
  }

  /** A problem about the field at {@code pointer}: {@code file:line: Kind ns/name: path: what}. */
  String problem(String pointer, String what) {
    String path = path(pointer);
    return prefix(pointer) + (path.isEmpty() ? "" : path + ": ") + what;
  }

  /** The start of a problem line: {@code file:line: Kind ns/name: }. */
  String prefix(String pointer) {
    return at(pointer) + ": " + describe() + ": ";
  }
}
