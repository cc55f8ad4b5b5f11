package virga.component.badinput;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import virga.component.MalformedComponentException;
import virga.component.UnsupportedFeatureException;

/**
 * Builds the malformed-component corpus of {@code src/test/resources/badinput/corpus}: each case is
 * a small binary with the exception, message part, byte offset and section the parser must report.
 * Run {@link #main} to rewrite the files and {@code corpus.tsv}; {@link
 * MalformedComponentCorpusTest} checks that the committed files still match this generator.
 */
final class MalformedCorpus {
  /** Where the corpus lives, relative to the module directory. */
  static final Path DIR = Path.of("src/test/resources/badinput/corpus");

  /** One corpus entry; {@code section} is null when the error is outside any section. */
  record Case(
      String name,
      byte[] bytes,
      Class<? extends MalformedComponentException> type,
      String message,
      long offset,
      String section) {

    String row() {
      return String.join(
          "\t",
          name,
          type.getSimpleName(),
          message,
          Long.toString(offset),
          section == null ? "-" : section);
    }
  }

  private static final Class<MalformedComponentException> MALFORMED =
      MalformedComponentException.class;
  private static final Class<UnsupportedFeatureException> UNSUPPORTED =
      UnsupportedFeatureException.class;
  private static final String EOF = "unexpected end of data";

  private final List<Case> cases = new ArrayList<>();

  private MalformedCorpus() {}

  /** Every case, in a stable order. */
  static List<Case> cases() {
    MalformedCorpus c = new MalformedCorpus();
    c.preambles();
    c.leb128();
    c.sections();
    c.opcodes();
    c.indices();
    c.names();
    c.uniqueness();
    c.coreModules();
    c.hugeLengths();
    c.nesting();
    c.async();
    return List.copyOf(c.cases);
  }

  /** Writes every case file and the {@code corpus.tsv} table under {@code dir}. */
  public static void main(String[] args) throws IOException {
    Path dir = args.length > 0 ? Path.of(args[0]) : DIR;
    Files.createDirectories(dir);
    StringBuilder tsv = new StringBuilder("# file\texception\tmessage part\toffset\tsection\n");
    for (Case c : cases()) {
      Files.write(dir.resolve(c.name() + ".wasm"), c.bytes());
      tsv.append(c.row()).append('\n');
    }
    Files.writeString(dir.resolve("corpus.tsv"), tsv.toString(), StandardCharsets.UTF_8);
  }

  private void add(String name, Bytes b, String message, long offset, String section) {
    add(name, b.toBytes(), MALFORMED, message, offset, section);
  }

  private void add(
      String name,
      byte[] bytes,
      Class<? extends MalformedComponentException> type,
      String message,
      long offset,
      String section) {
    cases.add(new Case(name, bytes, type, message, offset, section));
  }

  private void preambles() {
    add("empty", new Bytes(), "too short for a component preamble", 0, null);
    add(
        "truncated-magic",
        Bytes.of(0x00, 0x61, 0x73),
        "too short for a component preamble",
        0,
        null);
    add(
        "truncated-preamble",
        Bytes.of(0x00, 0x61, 0x73, 0x6d, 0x0d, 0x00, 0x01),
        "too short for a component preamble",
        0,
        null);
    add("wrong-magic", Bytes.of(0x00, 0x77, 0x73, 0x6d, 0x0d, 0, 1, 0), "bad magic", 0, null);
    add("elf-magic", Bytes.of(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0), "bad magic", 0, null);
    add(
        "old-version",
        Bytes.of(0x00, 0x61, 0x73, 0x6d, 0x0c, 0, 1, 0),
        "unsupported component version 0x0c",
        4,
        null);
    add(
        "future-version",
        Bytes.of(0x00, 0x61, 0x73, 0x6d, 0x0e, 0, 1, 0),
        "unsupported component version 0x0e",
        4,
        null);
    add(
        "core-module-as-component",
        Bytes.coreModule(),
        "this is a core module (layer 0), not a component",
        6,
        null);
    add(
        "unknown-layer",
        Bytes.of(0x00, 0x61, 0x73, 0x6d, 0x0d, 0, 2, 0),
        "unknown layer 2",
        6,
        null);
    add(
        "component-as-core-module",
        Bytes.component().section(1, Bytes.component()),
        "core module section does not hold a version-1 core module",
        10,
        "core module");
    add(
        "core-module-version-2",
        Bytes.component().section(1, Bytes.of(0x00, 0x61, 0x73, 0x6d, 2, 0, 0, 0)),
        "core module section does not hold a version-1 core module",
        10,
        "core module");
    add(
        "core-module-too-short",
        Bytes.component().section(1, Bytes.of(0x00, 0x61, 0x73, 0x6d)),
        "core module is too short for its preamble",
        10,
        "core module");
    add(
        "nested-component-truncated-preamble",
        Bytes.component().section(4, Bytes.of(0x00, 0x61, 0x73, 0x6d)),
        "too short for a component preamble",
        10,
        "component");
    add(
        "nested-core-module-as-component",
        Bytes.component().section(4, Bytes.coreModule()),
        "this is a core module (layer 0)",
        16,
        "component");
  }

  private void leb128() {
    add(
        "leb-overlong-count",
        Bytes.component().section(7, Bytes.of(0x80, 0x80, 0x80, 0x80, 0x80, 0x00)),
        "invalid LEB128: u32 is longer than 5 bytes",
        10,
        "type");
    add(
        "leb-overlong-section-size",
        Bytes.component().u8(7, 0x81, 0x80, 0x80, 0x80, 0x80, 0x00),
        "invalid LEB128: u32 is longer than 5 bytes",
        9,
        "type");
    add(
        "leb-overflow-count",
        Bytes.component().section(7, Bytes.of(0xff, 0xff, 0xff, 0xff, 0x1f)),
        "invalid LEB128: u32 overflows 32 bits",
        10,
        "type");
    add(
        "leb-overflow-index",
        Bytes.component()
            .vec(11, 1, new Bytes().u8(0).name("f").u8(0x01, 0x80, 0x80, 0x80, 0x80, 0x10)),
        "invalid LEB128: u32 overflows 32 bits",
        15,
        "export");
    add(
        "leb-unterminated-in-section",
        Bytes.component().section(7, Bytes.of(0x80, 0x80)),
        EOF,
        12,
        "type");
    add("leb-unterminated-at-eof", Bytes.component().u8(7, 0x80), EOF, 10, "type");
    add(
        "leb-s33-overflow-valtype",
        Bytes.component().vec(7, 1, Bytes.of(0x70, 0xff, 0xff, 0xff, 0xff, 0x3f)),
        "invalid LEB128: s33 overflows 33 bits",
        12,
        "type");
    add(
        "leb-negative-valtype",
        Bytes.component().vec(7, 1, Bytes.of(0x70, 0x50)),
        "invalid value type",
        12,
        "type");
  }

  private void sections() {
    add(
        "section-length-past-end",
        Bytes.component().u8(7, 100, 1, 0x79, 0),
        "section size 100 exceeds the 3 bytes left",
        9,
        "type");
    add(
        "section-length-past-end-canon",
        Bytes.component().u8(8, 100, 0),
        "section size 100 exceeds the 1 bytes left",
        9,
        "canon");
    add(
        "section-size-truncated-nested",
        Bytes.component().section(4, Bytes.component().u8(8, 0x80)),
        EOF,
        20,
        "canon");
    add(
        "section-trailing-garbage",
        Bytes.component().section(7, Bytes.of(1, 0x79, 0xaa, 0xbb)),
        "type section has 2 unexpected trailing bytes",
        12,
        "type");
    add(
        "section-count-too-small",
        Bytes.component().section(11, new Bytes().u8(0).u8(0).name("f").u8(0x01, 0, 0)),
        "export section has 6 unexpected trailing bytes",
        11,
        "export");
    add(
        "section-count-too-large",
        Bytes.component().section(7, Bytes.of(2, 0x70, 0x79)),
        EOF,
        13,
        "type");
    add(
        "unknown-section-id",
        Bytes.component().section(13, new Bytes()),
        "unknown section id 0x0d",
        8,
        null);
    add("unknown-section-id-ff", Bytes.component().u8(0xff, 0), "unknown section id 0xff", 8, null);
    add(
        "value-section",
        Bytes.component().section(12, Bytes.of(0)).toBytes(),
        UNSUPPORTED,
        "value definitions are not supported",
        8,
        "value");
    add(
        "start-section",
        Bytes.component()
            .vec(7, 1, Bytes.of(0x40, 0, 0x01, 0))
            .vec(10, 1, new Bytes().u8(0).name("f").u8(0x01, 0))
            .section(9, Bytes.of(0, 0, 0))
            .toBytes(),
        UNSUPPORTED,
        "start definitions are not supported",
        23,
        "start");
    // 2^31-1 results used to be counted one by one (seconds of CPU, then an int overflow)
    add(
        "start-section-huge-result-count",
        Bytes.component()
            .vec(7, 1, Bytes.of(0x40, 0, 0x01, 0))
            .vec(10, 1, new Bytes().u8(0).name("f").u8(0x01, 0))
            .section(9, new Bytes().u8(0, 0).u32(0x7fffffffL))
            .toBytes(),
        UNSUPPORTED,
        "start definitions are not supported",
        23,
        "start");
    add(
        "nested-unknown-section-absolute-offset",
        Bytes.component()
            .section(0, new Bytes().name("pad"))
            .section(4, Bytes.component().u8(0x0e, 0)),
        "unknown section id 0x0e",
        24,
        "component");
  }

  private void opcodes() {
    add(
        "unknown-type-opcode",
        Bytes.component().vec(7, 1, Bytes.of(0x50)),
        "unknown type opcode 0x50",
        11,
        "type");
    add(
        "unknown-core-type-opcode",
        Bytes.component().vec(3, 1, Bytes.of(0x61)),
        "unknown core type opcode 0x61",
        11,
        "core type");
    add(
        "unknown-core-valtype",
        Bytes.component().vec(3, 1, Bytes.of(0x60, 1, 0x40, 0)),
        "unknown core value type 0x40",
        13,
        "core type");
    add(
        "unknown-canon-opcode",
        Bytes.component().vec(8, 1, Bytes.of(0x3f)),
        "unknown canonical function opcode 0x3f",
        11,
        "canon");
    add(
        "unknown-sort",
        Bytes.component().vec(11, 1, new Bytes().u8(0).name("f").u8(0x06, 0, 0)),
        "unknown sort 0x06",
        14,
        "export");
    add(
        "unknown-core-sort",
        Bytes.component().vec(6, 1, Bytes.of(0x00, 0x13, 0x01, 0, 1, 'f')),
        "unknown core sort 0x13",
        12,
        "alias");
    add(
        "unknown-alias-target",
        Bytes.component().vec(6, 1, Bytes.of(0x01, 0x03, 0, 0)),
        "unknown alias target 0x03",
        12,
        "alias");
    add(
        "unknown-extern-descriptor",
        Bytes.component().vec(10, 1, new Bytes().u8(0).name("f").u8(0x06, 0)),
        "unknown extern descriptor 0x06",
        14,
        "import");
    add(
        "unknown-instance-kind",
        Bytes.component().vec(5, 1, Bytes.of(0x02)),
        "unknown instance kind 0x02",
        11,
        "instance");
    add(
        "unknown-canon-option",
        Bytes.component().vec(8, 1, Bytes.of(0x00, 0x00, 0, 1, 0x0a, 0)),
        "unknown canonical option 0x0a",
        15,
        "canon");
    add(
        "duplicate-canon-option",
        Bytes.component().vec(8, 1, Bytes.of(0x00, 0x00, 0, 2, 0x03, 0, 0x03, 0, 0)),
        "duplicate memory option",
        17,
        "canon");
    add(
        "resource-rep-not-i32",
        Bytes.component().vec(7, 1, Bytes.of(0x3f, 0x7e, 0x00)),
        "invalid resource representation (only i32): expected 0x7f, found 0x7e",
        12,
        "type");
    add(
        "empty-record",
        Bytes.component().vec(7, 1, Bytes.of(0x72, 0)),
        "record type must not be empty",
        11,
        "type");
    add(
        "bad-extern-name-prefix",
        Bytes.component().vec(11, 1, new Bytes().u8(0x02).name("f").u8(0x01, 0, 0)),
        "invalid extern name prefix 0x02",
        11,
        "export");
  }

  private void indices() {
    Bytes funcType = Bytes.of(0x40, 0, 0x01, 0); // (func)
    add(
        "index-type",
        Bytes.component().vec(10, 1, new Bytes().u8(0).name("f").u8(0x01, 0)),
        "type index 0 out of range (0 defined)",
        11,
        "import");
    add(
        "index-type-wrong-kind",
        Bytes.component()
            .vec(7, 1, Bytes.of(0x79))
            .vec(10, 1, new Bytes().u8(0).name("f").u8(0x01, 0)),
        "func descriptor: type index 0 is a VALUE type, not a FUNC type",
        15,
        "import");
    add(
        "index-func",
        Bytes.component().vec(11, 1, new Bytes().u8(0).name("f").u8(0x01, 0, 0)),
        "func index 0 out of range (0 defined)",
        11,
        "export");
    add(
        "index-core-func",
        Bytes.component().vec(7, 1, funcType).vec(8, 1, Bytes.of(0x00, 0x00, 0, 0, 0)),
        "core func index 0 out of range (0 defined)",
        18,
        "canon");
    add(
        "index-core-instance",
        Bytes.component().vec(6, 1, new Bytes().u8(0x00, 0x00, 0x01, 0).name("f")),
        "core instance index 0 out of range (0 defined)",
        11,
        "alias");
    add(
        "index-instance",
        Bytes.component().vec(6, 1, new Bytes().u8(0x01, 0x00, 0).name("f")),
        "instance index 0 out of range (0 defined)",
        11,
        "alias");
    add(
        "index-component",
        Bytes.component().vec(5, 1, Bytes.of(0x00, 0, 0)),
        "component index 0 out of range (0 defined)",
        11,
        "instance");
    add(
        "index-core-module",
        Bytes.component().vec(2, 1, Bytes.of(0x00, 0, 0)),
        "core module index 0 out of range (0 defined)",
        11,
        "core instance");
    add(
        "index-core-memory",
        Bytes.component()
            .vec(7, 1, funcType)
            .vec(10, 1, new Bytes().u8(0).name("f").u8(0x01, 0))
            .vec(8, 1, Bytes.of(0x01, 0x00, 0, 1, 0x03, 0)),
        "core memory index 0 out of range (0 defined)",
        26,
        "canon");
    add(
        "index-core-table",
        Bytes.component().vec(2, 1, new Bytes().u8(0x01, 1).name("t").u8(0x01, 0)),
        "core table index 0 out of range (0 defined)",
        11,
        "core instance");
    add(
        "index-core-global",
        Bytes.component().vec(2, 1, new Bytes().u8(0x01, 1).name("g").u8(0x03, 3)),
        "core global index 3 out of range (0 defined)",
        11,
        "core instance");
    add(
        "index-core-type",
        Bytes.component().vec(10, 1, new Bytes().u8(0).name("m").u8(0x00, 0x11, 0)),
        "core type index 0 out of range (0 defined)",
        11,
        "import");
    add(
        "index-value",
        Bytes.component().vec(11, 1, new Bytes().u8(0).name("v").u8(0x02, 0, 0)),
        "value index 0 out of range (0 defined)",
        11,
        "export");
    add(
        "index-forward-reference",
        Bytes.component()
            .vec(11, 1, new Bytes().u8(0).name("f").u8(0x01, 0, 0))
            .vec(7, 1, funcType)
            .vec(10, 1, new Bytes().u8(0).name("g").u8(0x01, 0)),
        "func index 0 out of range (0 defined)",
        11,
        "export");
    add(
        "index-outer-alias-count",
        Bytes.component().vec(6, 1, Bytes.of(0x03, 0x02, 1, 0)),
        "outer alias count 1 exceeds the enclosing scopes",
        11,
        "alias");
    add(
        "index-outer-alias-index",
        Bytes.component()
            .vec(7, 1, Bytes.of(0x79))
            .section(4, Bytes.component().vec(6, 1, Bytes.of(0x03, 0x02, 1, 5))),
        "type index 5 out of range (1 defined)",
        25,
        "alias");
    add(
        "index-lift-type-not-func",
        Bytes.component()
            .vec(7, 2, new Bytes().u8(0x79).bytes(funcType))
            .vec(10, 1, new Bytes().u8(0).name("f").u8(0x01, 1))
            .vec(8, 2, Bytes.of(0x01, 0x00, 0, 0, 0x00, 0x00, 0, 0, 0)),
        "canon lift: type index 0 is a VALUE type, not a FUNC type",
        31,
        "canon");
  }

  private void names() {
    byte[][] invalid = {
      {(byte) 0xff},
      {(byte) 0xc0, (byte) 0xaf},
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {'a', (byte) 0xe2, (byte) 0x82},
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}
    };
    String[] labels = {"ff", "overlong", "surrogate", "truncated-sequence", "above-max"};
    for (int i = 0; i < invalid.length; i++) {
      add(
          "utf8-export-name-" + labels[i],
          Bytes.component().vec(11, 1, new Bytes().u8(0).name(invalid[i]).u8(0x01, 0, 0)),
          "name is not valid UTF-8",
          12,
          "export");
    }
    add(
        "utf8-custom-section-name",
        Bytes.component().section(0, new Bytes().name(new byte[] {(byte) 0x80})),
        "name is not valid UTF-8",
        10,
        "custom");
    add(
        "utf8-record-field",
        Bytes.component()
            .vec(7, 1, new Bytes().u8(0x72, 1).name(new byte[] {(byte) 0xfe}).u8(0x79)),
        "name is not valid UTF-8",
        13,
        "type");
    add(
        "empty-export-name",
        Bytes.component().vec(11, 1, new Bytes().u8(0).name("").u8(0x01, 0, 0)),
        "empty import or export name",
        12,
        "export");
  }

  private void uniqueness() {
    Bytes funcType = Bytes.of(0x40, 0, 0x01, 0); // (func)
    Bytes importF = new Bytes().u8(0).name("f").u8(0x01, 0);
    add(
        "duplicate-export-name",
        Bytes.component()
            .vec(7, 1, funcType)
            .vec(10, 1, importF)
            .vec(11, 2, new Bytes().u8(0).name("a").u8(0x01, 0, 0).u8(0).name("a").u8(0x01, 0, 0)),
        "duplicate export name `a`",
        32,
        "export");
    add(
        "duplicate-import-name",
        Bytes.component().vec(7, 1, funcType).vec(10, 2, new Bytes().bytes(importF).bytes(importF)),
        "duplicate import name `f`",
        23,
        "import");
    add(
        "import-names-not-strongly-unique",
        Bytes.component()
            .vec(7, 1, funcType)
            .vec(
                10,
                2,
                new Bytes()
                    .u8(0)
                    .name("foo-bar")
                    .u8(0x01, 0)
                    .u8(0)
                    .name("[static]foobar.FOOBAR")
                    .u8(0x01, 0)),
        "import name `[static]foobar.FOOBAR` conflicts with `foo-bar`",
        29,
        "import");
    add(
        "duplicate-export-in-instance-type",
        Bytes.component()
            .vec(
                7,
                1,
                Bytes.of(0x42, 3, 0x01)
                    .bytes(funcType)
                    .u8(0x04, 0, 1, 'g', 0x01, 0)
                    .u8(0x04, 0, 1, 'g', 0x01, 0)),
        "duplicate export name `g`",
        11,
        "type");
    add(
        "duplicate-import-in-component-type",
        Bytes.component()
            .vec(
                7,
                1,
                Bytes.of(0x41, 3, 0x01)
                    .bytes(funcType)
                    .u8(0x03, 0, 1, 'g', 0x01, 0)
                    .u8(0x03, 0, 1, 'g', 0x01, 0)),
        "duplicate import name `g`",
        11,
        "type");
    add(
        "duplicate-inline-export",
        Bytes.component()
            .vec(7, 1, funcType)
            .vec(10, 1, importF)
            .vec(
                5,
                1,
                new Bytes().u8(0x01, 2).u8(0).name("x").u8(0x01, 0).u8(0).name("x").u8(0x01, 0)),
        "duplicate export name `x`",
        26,
        "instance");
    add(
        "duplicate-core-inline-export",
        Bytes.component()
            .section(1, Bytes.coreModule())
            .vec(2, 1, Bytes.of(0x00, 0, 0))
            .vec(6, 1, new Bytes().u8(0x00, 0x02, 0x01, 0).name("mem"))
            .vec(2, 1, new Bytes().u8(0x01, 2).name("m").u8(0x02, 0).name("m").u8(0x02, 0)),
        "duplicate core export name `m`",
        38,
        "core instance");
  }

  /** Core modules the core engine rejects; the test compiles, so these reach Chicory. */
  private void coreModules() {
    Bytes funcType = Bytes.of(0x01, 0x60, 0, 0); // type section content: one (func)
    Bytes body = Bytes.of(0x01, 0x02, 0x00, 0x0b); // code section content: one empty body
    add(
        "core-module-export-index",
        Bytes.component()
            .section(
                1,
                Bytes.coreModule()
                    .section(1, funcType)
                    .section(3, Bytes.of(0x01, 0x00))
                    .section(7, new Bytes().u8(1).name("f").u8(0x00, 5))
                    .section(10, body)),
        "invalid core module: export `f` refers to function 5, but there are only 1",
        10 + 21,
        "core module");
    add(
        "core-module-unknown-type",
        Bytes.component()
            .section(
                1,
                Bytes.coreModule()
                    .section(1, funcType)
                    .section(3, Bytes.of(0x01, 0x05))
                    .section(7, new Bytes().u8(1).name("f").u8(0x00, 0))
                    .section(10, body)),
        "invalid core module: unknown type 5",
        10,
        "core module");
    add(
        "core-module-duplicate-export",
        Bytes.component()
            .section(
                1,
                Bytes.coreModule()
                    .section(1, funcType)
                    .section(3, Bytes.of(0x01, 0x00))
                    .section(7, new Bytes().u8(2).name("f").u8(0x00, 0).name("f").u8(0x00, 0))
                    .section(10, body)),
        "invalid core module: duplicate export name `f`",
        10 + 25,
        "core module");
  }

  private void hugeLengths() {
    add(
        "count-u32-max",
        Bytes.component().section(7, new Bytes().u32(0xffffffffL)),
        "index or length 4294967295 is too large",
        10,
        "type");
    add(
        "count-i32-max",
        Bytes.component().section(7, new Bytes().u32(0x7fffffffL).u8(0x79)),
        "type count 2147483647 exceeds the 1 bytes left in the section",
        10,
        "type");
    add(
        "record-fields-u32-max",
        Bytes.component().vec(7, 1, new Bytes().u8(0x72).u32(0xffffffffL)),
        "index or length 4294967295 is too large",
        12,
        "type");
    add(
        "list-of-tuple-elements-huge",
        Bytes.component().vec(7, 1, new Bytes().u8(0x6f).u32(0xfffffffeL)),
        "index or length 4294967294 is too large",
        12,
        "type");
    add(
        "name-length-i32-max",
        Bytes.component().vec(11, 1, new Bytes().u8(0).u32(0x7fffffffL).u8('f')),
        EOF + ": need 2147483647 bytes",
        17,
        "export");
    add(
        "section-size-u32-max",
        Bytes.component().u8(7).u32(0xffffffffL),
        "index or length 4294967295 is too large",
        9,
        "type");
    add(
        "canon-options-u32-max",
        Bytes.component().vec(8, 1, new Bytes().u8(0x00, 0x00, 0).u32(0xffffffffL)),
        "index or length 4294967295 is too large",
        14,
        "canon");
  }

  private void nesting() {
    int depth = 1000;
    // comps[k] is the component at nesting level k (0 = outermost)
    byte[][] comps = new byte[depth + 1][];
    comps[depth] = Bytes.component().toBytes();
    for (int k = depth - 1; k >= 0; k--) {
      comps[k] = Bytes.component().section(4, new Bytes().bytes(comps[k + 1])).toBytes();
    }
    long start = 0;
    for (int k = 0; k < 33; k++) {
      start += 9 + new Bytes().u32(comps[k + 1].length).size();
    }
    // level 32 may not hold a component section: the error points at that section's content
    add(
        "nested-components-1000",
        comps[0],
        MALFORMED,
        "components nest deeper than 32 levels",
        start,
        "component");
    add(
        "nested-instance-types-1000",
        nestedTypes(0x42, depth),
        MALFORMED,
        "types nest deeper than 64 levels",
        12 + 3 * 65,
        "type");
    add(
        "nested-component-types-1000",
        nestedTypes(0x41, depth),
        MALFORMED,
        "types nest deeper than 64 levels",
        12 + 3 * 65,
        "type");
  }

  /** {@code depth} instance (0x42) or component (0x41) types, each declaring the next. */
  private static byte[] nestedTypes(int opcode, int depth) {
    Bytes t = new Bytes().u8(1);
    for (int i = 0; i < depth; i++) {
      t.u8(opcode, 1, 0x01);
    }
    t.u8(0x79);
    return Bytes.component().section(7, t).toBytes();
  }

  private void async() {
    String msg = "component-model async is not supported: ";
    int[] canonOps = {0x09, 0x0e, 0x15, 0x1c, 0x1f, 0x08, 0x0c};
    String[] names = {
      "task.return",
      "stream.new",
      "future.new",
      "error-context.new",
      "waitable-set.new",
      "backpressure.set",
      "yield"
    };
    for (int i = 0; i < canonOps.length; i++) {
      add(
          "async-canon-" + names[i],
          Bytes.component().vec(8, 1, Bytes.of(canonOps[i], 0)).toBytes(),
          UNSUPPORTED,
          msg + names[i],
          11,
          "canon");
    }
    add(
        "async-stream-type",
        Bytes.component().vec(7, 1, Bytes.of(0x66, 0x00)).toBytes(),
        UNSUPPORTED,
        msg + "stream type",
        11,
        "type");
    add(
        "async-future-type",
        Bytes.component().vec(7, 1, Bytes.of(0x65, 0x00)).toBytes(),
        UNSUPPORTED,
        msg + "future type",
        11,
        "type");
    add(
        "async-func-type",
        Bytes.component().vec(7, 1, Bytes.of(0x43, 0, 0x01, 0)).toBytes(),
        UNSUPPORTED,
        msg + "async func type",
        11,
        "type");
    add(
        "async-lift-option",
        Bytes.component().vec(8, 1, Bytes.of(0x00, 0x00, 0, 1, 0x06, 0)).toBytes(),
        UNSUPPORTED,
        msg + "async option",
        15,
        "canon");
    add(
        "async-in-nested-instance-type",
        Bytes.component().vec(7, 1, Bytes.of(0x42, 1, 0x01, 0x66, 0x00)).toBytes(),
        UNSUPPORTED,
        msg + "stream type",
        14,
        "type");
  }

  static byte[] read(String name) {
    try {
      return Files.readAllBytes(DIR.resolve(name + ".wasm"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
