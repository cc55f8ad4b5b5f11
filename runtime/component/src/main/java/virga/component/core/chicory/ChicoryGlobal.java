package virga.component.core.chicory;

import com.dylibso.chicory.runtime.GlobalInstance;
import com.dylibso.chicory.wasm.types.MutabilityType;
import virga.component.core.CoreGlobal;
import virga.component.core.CoreValType;

/** A Chicory global behind the {@link CoreGlobal} SPI (values as raw bits, see the package). */
public final class ChicoryGlobal implements CoreGlobal {
  private final GlobalInstance global;
  private final CoreValType type;

  ChicoryGlobal(GlobalInstance global) {
    this.global = global;
    this.type = ChicoryTypes.valType(global.getType());
  }

  /** The Chicory global, for importing it into another Chicory instance. */
  GlobalInstance raw() {
    return global;
  }

  @Override
  public CoreValType type() {
    return type;
  }

  @Override
  public boolean mutable() {
    return global.getMutabilityType() == MutabilityType.Var;
  }

  @Override
  public long get() {
    return global.getValue();
  }

  /**
   * Sets the value.
   *
   * @throws IllegalStateException if the global is immutable
   */
  @Override
  public void set(long value) {
    if (!mutable()) {
      throw new IllegalStateException("cannot set an immutable global");
    }
    global.setValue(value);
  }
}
