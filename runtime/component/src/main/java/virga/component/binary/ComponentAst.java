package virga.component.binary;

import java.util.List;

/**
 * A parsed component: its definitions in binary order, its custom sections, and the names from its
 * {@code component-name} section (empty when absent or unreadable).
 */
public record ComponentAst(
    List<Definition> definitions, List<CustomSection> customSections, ComponentNames names) {
  public ComponentAst {
    definitions = List.copyOf(definitions);
    customSections = List.copyOf(customSections);
  }

  /** The definitions of one kind, in order. */
  public <T extends Definition> List<T> all(Class<T> kind) {
    return definitions.stream().filter(kind::isInstance).map(kind::cast).toList();
  }
}
