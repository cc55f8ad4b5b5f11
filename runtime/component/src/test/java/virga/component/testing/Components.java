package virga.component.testing;

/** Hand-assembled component binaries for tests, each with its WAT in the Javadoc. */
public final class Components {
  private Components() {}

  /**
   * The adder: {@code (component (core module $m ..adder..) (core instance $i (instantiate $m))
   * (alias core export $i "add" (core func)) (type (func (param "a" u32) (param "b" u32) (result
   * u32))) (func (canon lift (core func 0) (type 0))) (export "add" (func 0)))}.
   */
  public static byte[] adder() {
    Bin c = Bin.component();
    c.section(1, new Bin().bytes(CoreModules.adder()));
    c.vecSection(2, 1, Bin.of(0x00, 0, 0));
    c.vecSection(6, 1, Bin.of(0x00, 0x00, 0x01, 0).name("add"));
    c.vecSection(7, 1, funcTypeU32U32());
    c.vecSection(8, 1, Bin.of(0x00, 0x00, 0, 0, 0));
    c.vecSection(11, 1, new Bin().u8(0x00).name("add").u8(0x01, 0, 0x00));
    return c.toBytes();
  }

  /** {@code (func (param "a" u32) (param "b" u32) (result u32))}. */
  public static Bin funcTypeU32U32() {
    return new Bin().u8(0x40, 2).name("a").u8(0x79).name("b").u8(0x79).u8(0x00, 0x79);
  }

  /**
   * A component importing {@code test:math/ops@1.2.3} with {@code double: func(x: u32) -> u32},
   * lowering it into a core module that computes {@code quad(x) = double(double(x))}, and exporting
   * {@code quad} lifted back.
   */
  public static byte[] quadViaImport() {
    Bin c = Bin.component();
    // type 0: instance type { type 0 = func(x: u32) -> u32; export "double" (func (type 0)) }
    Bin it =
        new Bin()
            .u8(0x42, 2, 0x01, 0x40, 1)
            .name("x")
            .u8(0x79, 0x00, 0x79)
            .u8(0x04, 0x00)
            .name("double")
            .u8(0x01, 0);
    // type 1: func(x: u32) -> u32
    Bin ft = new Bin().u8(0x40, 1).name("x").u8(0x79, 0x00, 0x79);
    c.vecSection(7, 2, new Bin().bytes(it).bytes(ft));
    c.vecSection(10, 1, new Bin().u8(0x00).name("test:math/ops@1.2.3").u8(0x05, 0));
    // (alias export 0 "double" (func)) -> func 0
    c.vecSection(6, 1, Bin.of(0x01, 0x00, 0).name("double"));
    // (core func (canon lower (func 0))) -> core func 0
    c.vecSection(8, 1, Bin.of(0x01, 0x00, 0, 0));
    c.section(1, new Bin().bytes(CoreModules.quadViaImport()));
    // core instance 0: inline { "double": core func 0 }
    c.vecSection(2, 1, new Bin().u8(0x01, 1).name("double").u8(0x00, 0));
    // core instance 1: instantiate module 0 with "host" = core instance 0
    c.vecSection(2, 1, new Bin().u8(0x00, 0, 1).name("host").u8(0x12, 0));
    // (alias core export 1 "quad" (core func)) -> core func 1
    c.vecSection(6, 1, Bin.of(0x00, 0x00, 0x01, 1).name("quad"));
    // (func (canon lift (core func 1) (type 1))) -> func 1
    c.vecSection(8, 1, Bin.of(0x00, 0x00, 1, 0, 1));
    c.vecSection(11, 1, new Bin().u8(0x00).name("quad").u8(0x01, 1, 0x00));
    return c.toBytes();
  }
}
