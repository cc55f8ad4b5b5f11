package virga.component.core.chicory;

import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.wasm.types.Export;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import virga.component.core.CoreExtern;
import virga.component.core.CoreInstance;
import virga.component.core.InstanceLimits;

/**
 * An instantiated Chicory module.
 *
 * <p><b>Poisoning.</b> When a call through one of its exported functions traps (including a
 * deadline or stack exhaustion), the instance is marked {@link #trapped()} and its functions refuse
 * further calls with a {@code TrapException}. Guest state after a trap is undefined, so the
 * component layer should also {@link #poison()} every other core instance of the same component
 * instance (they share memories and tables through imports).
 */
public final class ChicoryInstance implements CoreInstance {
  private final Instance instance;
  private final InstanceLimits limits;
  private final Map<String, CoreExtern> exports = new HashMap<>();
  private volatile boolean trapped;

  ChicoryInstance(Instance instance, InstanceLimits limits) {
    this.instance = instance;
    this.limits = limits;
    var section = instance.module().exportSection();
    for (int i = 0; i < section.exportCount(); i++) {
      Export e = section.getExport(i);
      CoreExtern extern = wrap(e);
      if (extern != null) {
        exports.put(e.name(), extern);
      }
    }
  }

  private CoreExtern wrap(Export e) {
    int idx = e.index();
    switch (e.exportType()) {
      case FUNCTION:
        return new ChicoryFunction(this, idx, instance.type(instance.functionType(idx)));
      case MEMORY:
        return new ChicoryMemory(instance.memory(idx));
      case TABLE:
        return new ChicoryTable(instance.table(idx));
      case GLOBAL:
        return new ChicoryGlobal(instance.global(idx));
      default:
        return null; // tags (exception handling) have no SPI counterpart
    }
  }

  Instance raw() {
    return instance;
  }

  InstanceLimits limits() {
    return limits;
  }

  @Override
  public Optional<CoreExtern> export(String name) {
    return Optional.ofNullable(exports.get(name));
  }

  /** True once a call into this instance trapped, or after {@link #poison()}. */
  public boolean trapped() {
    return trapped;
  }

  /** Marks the instance as trapped: every later call through its exports throws a trap. */
  public void poison() {
    trapped = true;
  }
}
