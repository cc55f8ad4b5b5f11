package virga.component.abi;

import java.util.AbstractList;
import java.util.RandomAccess;
import virga.component.values.Value;

/** An unmodifiable list view over lifted arguments, without copying them. */
final class ArgList extends AbstractList<Value> implements RandomAccess {
  private final Value[] vals;

  ArgList(Value[] vals) {
    this.vals = vals;
  }

  @Override
  public Value get(int index) {
    return vals[index];
  }

  @Override
  public int size() {
    return vals.length;
  }
}
