package virga.component.binary;

import virga.component.testing.Bin;
import virga.component.testing.CoreModules;

/** A component that uses every section kind once; see {@link ComponentParserTest}. */
final class KitchenSink {
  private KitchenSink() {}

  static byte[] bytes() {
    Bin c = Bin.component();
    c.section(0, names());
    // core types: 0 = (func (param i32)); 1 = (module (type (func)) (import "env" "f" (func (type
    // 0)))
    // (export "g" (func (type 0))))
    Bin moduleType =
        new Bin()
            .u8(0x50, 3, 0x01, 0x60, 0, 0)
            .u8(0x00)
            .name("env")
            .name("f")
            .u8(0x00, 0)
            .u8(0x03)
            .name("g")
            .u8(0x00, 0);
    c.vecSection(3, 2, new Bin().u8(0x60, 1, 0x7f, 0).bytes(moduleType));
    c.section(1, new Bin().bytes(CoreModules.adder()));
    c.vecSection(2, 1, Bin.of(0x00, 0, 0));
    c.vecSection(
        6, 2, new Bin().u8(0x00, 0x00, 0x01, 0).name("add").u8(0x00, 0x02, 0x01, 0).name("memory"));
    c.vecSection(2, 1, new Bin().u8(0x01, 1).name("add2").u8(0x00, 0));
    c.vecSection(7, 16, types());
    c.vecSection(10, 1, new Bin().u8(0x00).name("test:math/ops@1.2.3").u8(0x05, 14));
    c.vecSection(6, 1, new Bin().u8(0x01, 0x00, 0).name("double"));
    c.vecSection(
        8,
        5,
        new Bin()
            .u8(0x01, 0x00, 0, 0)
            .u8(0x00, 0x00, 0, 4, 0x01, 0x03, 0, 0x04, 0, 0x05, 0, 12)
            .u8(0x02, 0)
            .u8(0x03, 0)
            .u8(0x04, 1));
    Bin nested = Bin.component();
    nested.vecSection(6, 1, Bin.of(0x03, 0x02, 1, 2));
    nested.vecSection(11, 1, new Bin().u8(0x00).name("r").u8(0x03, 0, 0x00));
    c.section(4, nested);
    c.vecSection(
        5,
        2,
        new Bin()
            .u8(0x00, 0, 1)
            .name("unused")
            .u8(0x01, 1)
            .u8(0x01, 1, 0x00)
            .name("add")
            .u8(0x01, 1));
    c.vecSection(6, 1, new Bin().u8(0x03, 0x00, 1).name("r"));
    c.vecSection(
        11,
        2,
        new Bin()
            .u8(0x00)
            .name("add")
            .u8(0x01, 1, 0x01, 0x01, 12)
            .u8(0x00)
            .name("r-type")
            .u8(0x03, 2, 0x00));
    return c.toBytes();
  }

  private static Bin names() {
    Bin own = new Bin().name("sink");
    Bin funcs = new Bin().u8(0x01).u32(1).u32(0).name("f0");
    return new Bin()
        .name("component-name")
        .u8(0)
        .u32(own.size())
        .bytes(own)
        .u8(1)
        .u32(funcs.size())
        .bytes(funcs);
  }

  private static Bin types() {
    Bin t = new Bin();
    t.u8(0x3f, 0x7f, 0x00); // 0 resource
    t.u8(0x3f, 0x7f, 0x01, 0); // 1 resource (dtor core func 0)
    t.u8(0x72, 2).name("x").u8(0x79).name("y").u8(0x73); // 2 record
    t.u8(0x71, 2).name("a").u8(0x00, 0x00).name("b").u8(0x01, 0x7d, 0x00); // 3 variant
    t.u8(0x70, 2); // 4 list<2>
    t.u8(0x6f, 2, 0x79, 4); // 5 tuple<u32, 4>
    t.u8(0x6e, 2).name("r").name("w"); // 6 flags
    t.u8(0x6d, 1).name("x"); // 7 enum
    t.u8(0x6b, 0x73); // 8 option<string>
    t.u8(0x6a, 0x01, 0x79, 0x01, 0x73); // 9 result<u32, string>
    t.u8(0x69, 0); // 10 own<0>
    t.u8(0x68, 0); // 11 borrow<0>
    t.u8(0x40, 2).name("a").u8(0x79).name("b").u8(0x79, 0x00, 0x79); // 12 func
    t.u8(0x40, 1).name("self").u8(11, 0x01, 0); // 13 func(self: borrow<0>)
    // 14 instance type { type 0 = func(x: u32) -> u32; export "double" (func 0); alias outer 1 2 }
    t.u8(0x42, 3, 0x01, 0x40, 1).name("x").u8(0x79, 0x00, 0x79);
    t.u8(0x04, 0x00).name("double").u8(0x01, 0);
    t.u8(0x02, 0x03, 0x02, 1, 2);
    // 15 component type { type 0 = func(); import "f" (func 0); export "g" (func 0) }
    t.u8(0x41, 3, 0x01, 0x40, 0, 0x01, 0);
    t.u8(0x03, 0x00).name("f").u8(0x01, 0);
    t.u8(0x04, 0x00).name("g").u8(0x01, 0);
    return t;
  }
}
