package virga.plugin;

import java.util.List;
import java.util.Set;

/**
 * A world as binding sees it: the interfaces imported and exported, grouped by package. For a
 * plugin, imports are what it serves and exports what it calls; for an item, what its component
 * imports and exports.
 */
public record WitWorld(Set<WitInterface> imports, Set<WitInterface> exports) {
  public WitWorld {
    imports = Set.copyOf(imports);
    exports = Set.copyOf(exports);
  }

  /** A world importing (serving) the given {@code ns:pkg/iface@version} names. */
  public static WitWorld serving(String... interfaces) {
    return new WitWorld(
        Set.copyOf(List.of(interfaces).stream().map(WitInterface::parse).toList()), Set.of());
  }

  /** A copy that also calls (exports) {@code interfaces}. */
  public WitWorld calling(String... interfaces) {
    return new WitWorld(
        imports, Set.copyOf(List.of(interfaces).stream().map(WitInterface::parse).toList()));
  }

  /**
   * Whether an import or export here covers every interface of {@code iface} (wasmCloud's {@code
   * includes_bidirectional}).
   */
  public boolean includesBidirectional(WitInterface iface) {
    WitInterface bare = iface.withName(null);
    return imports.stream().anyMatch(i -> i.contains(bare))
        || exports.stream().anyMatch(e -> e.contains(bare));
  }
}
