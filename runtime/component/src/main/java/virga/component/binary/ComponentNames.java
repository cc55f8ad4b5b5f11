package virga.component.binary;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Debug names from the {@code component-name} custom section: the component's own name and names
 * per sort and index. Engines must not reject a component for a bad name section, so a malformed
 * one decodes to {@link #EMPTY}.
 */
public final class ComponentNames {
  /** No names. */
  public static final ComponentNames EMPTY = new ComponentNames(null, Map.of());

  private final String componentName;
  private final Map<Sort, Map<Integer, String>> names;

  ComponentNames(String componentName, Map<Sort, Map<Integer, String>> names) {
    this.componentName = componentName;
    EnumMap<Sort, Map<Integer, String>> copy = new EnumMap<>(Sort.class);
    names.forEach((k, v) -> copy.put(k, Map.copyOf(v)));
    this.names = copy;
  }

  /** The component's own name, or null. */
  public String componentName() {
    return componentName;
  }

  /** The name of item {@code index} in {@code sort}, or null. */
  public String name(Sort sort, int index) {
    return names.getOrDefault(sort, Map.of()).get(index);
  }

  /** Decodes the payload of a {@code component-name} section (after its name). */
  static ComponentNames decode(ByteReader in) {
    try {
      String own = null;
      Map<Sort, Map<Integer, String>> all = new EnumMap<>(Sort.class);
      while (!in.atEnd()) {
        int id = in.u8();
        ByteReader sub = in.sub(in.index(), in.section());
        if (id == 0) {
          own = sub.name();
        } else if (id == 1) {
          Sort sort = Sort.read(sub);
          Map<Integer, String> map = all.computeIfAbsent(sort, s -> new HashMap<>());
          int n = sub.count("name");
          for (int i = 0; i < n; i++) {
            map.put(sub.index(), sub.name());
          }
        }
      }
      return new ComponentNames(own, all);
    } catch (virga.component.MalformedComponentException e) {
      return EMPTY;
    }
  }
}
