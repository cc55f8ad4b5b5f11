package virga.component.testing;

/** Hand-assembled core modules for tests (no wat2wasm on these machines). */
public final class CoreModules {
  private CoreModules() {}

  /**
   * {@code (memory (export "memory") 1) (func (export "add") (param i32 i32) (result i32) local.get
   * 0 local.get 1 i32.add)}.
   */
  public static byte[] adder() {
    Bin m = Bin.coreModule();
    // type 0: (i32 i32) -> i32
    m.section(1, Bin.of(1, 0x60, 2, 0x7f, 0x7f, 1, 0x7f));
    m.section(3, Bin.of(1, 0));
    m.section(5, Bin.of(1, 0x00, 1));
    m.section(7, new Bin().u32(2).name("memory").u8(0x02, 0).name("add").u8(0x00, 0));
    m.section(10, Bin.of(1, 7, 0, 0x20, 0, 0x20, 1, 0x6a, 0x0b));
    return m.toBytes();
  }

  /**
   * A module importing {@code ("host" "double") (func (param i32) (result i32))} and exporting
   * {@code quad(x) = double(double(x))}.
   */
  public static byte[] quadViaImport() {
    Bin m = Bin.coreModule();
    m.section(1, Bin.of(1, 0x60, 1, 0x7f, 1, 0x7f));
    m.section(2, new Bin().u32(1).name("host").name("double").u8(0x00, 0));
    m.section(3, Bin.of(1, 0));
    m.section(7, new Bin().u32(1).name("quad").u8(0x00, 1));
    // local.get 0; call 0; call 0; end
    m.section(10, Bin.of(1, 8, 0, 0x20, 0, 0x10, 0, 0x10, 0, 0x0b));
    return m.toBytes();
  }

  /** An empty module. */
  public static byte[] empty() {
    return Bin.coreModule().toBytes();
  }
}
