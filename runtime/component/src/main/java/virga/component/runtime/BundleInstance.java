package virga.component.runtime;

import java.util.Map;
import java.util.Optional;
import virga.component.core.CoreExtern;
import virga.component.core.CoreInstance;

/** A core instance made of existing core items: {@code (core instance (export ..)*)}. */
final class BundleInstance implements CoreInstance {
  private final Map<String, CoreExtern> exports;

  BundleInstance(Map<String, CoreExtern> exports) {
    this.exports = Map.copyOf(exports);
  }

  @Override
  public Optional<CoreExtern> export(String name) {
    return Optional.ofNullable(exports.get(name));
  }
}
