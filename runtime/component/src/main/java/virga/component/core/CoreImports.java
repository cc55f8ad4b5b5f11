package virga.component.core;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The values that satisfy a core module's imports, keyed by (module, name). */
public final class CoreImports {
  private final Map<String, Map<String, CoreExtern>> byModule = new HashMap<>();

  /** Adds (or replaces) one import value. */
  public CoreImports put(String module, String name, CoreExtern value) {
    byModule.computeIfAbsent(module, m -> new HashMap<>()).put(name, value);
    return this;
  }

  /** The value for (module, name), if any. */
  public Optional<CoreExtern> get(String module, String name) {
    return Optional.ofNullable(byModule.getOrDefault(module, Map.of()).get(name));
  }
}
