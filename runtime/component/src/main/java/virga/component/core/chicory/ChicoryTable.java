package virga.component.core.chicory;

import com.dylibso.chicory.runtime.TableInstance;
import virga.component.core.CoreTable;

/** A Chicory table behind the {@link CoreTable} SPI; its contents stay opaque. */
public final class ChicoryTable implements CoreTable {
  private final TableInstance table;

  ChicoryTable(TableInstance table) {
    this.table = table;
  }

  /** The Chicory table, for importing it into another Chicory instance. */
  TableInstance raw() {
    return table;
  }

  @Override
  public int size() {
    return table.size();
  }
}
