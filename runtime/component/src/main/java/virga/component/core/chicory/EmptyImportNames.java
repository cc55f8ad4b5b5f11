package virga.component.core.chicory;

import com.dylibso.chicory.wasm.types.Import;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lets Chicory 1.7.5 load modules with a function import whose module and field names are both
 * empty ({@code (import "" "" (func))}), which is valid WebAssembly and which component shims use.
 *
 * <p>Chicory's parser reads the import kind as a LEB128 instead of a byte, so the spec test with
 * the overlong kind {@code 0x80 0x00} after two empty names decodes as a function import; Chicory
 * makes that test pass by refusing every function import with two empty names ("malformed import
 * kind"). Until that is fixed upstream (read one byte, drop the name check), the engine gives
 * Chicory the module with the empty field name of such imports replaced by an alias that no other
 * import of module {@code ""} uses, and maps the alias back to {@code ""} wherever an import is
 * described or resolved ({@link #field}). Nothing above the Chicory backend sees the alias.
 */
final class EmptyImportNames {
  /** The alias's stem; a numeric suffix is added if the module already imports it from "". */
  static final String ALIAS = "virga:empty-name";

  private static final int IMPORT_SECTION = 2;

  private EmptyImportNames() {}

  /** The bytes Chicory parses, and the alias they use (null when the bytes are unchanged). */
  record Rewritten(byte[] wasm, String alias) {}

  /**
   * Rewrites the empty field names of function imports whose module name is empty too. Bytes that
   * are not a well-formed import section (or have no such import) are returned unchanged, so that
   * Chicory reports its own error for them.
   */
  static Rewritten rewrite(byte[] wasm) {
    try {
      return rewriteOrNull(wasm);
    } catch (RuntimeException notWellFormed) {
      // whatever the walk trips over, Chicory's parser will report it better
      return new Rewritten(wasm, null);
    }
  }

  /** The field name the module declared for {@code imp} (the alias maps back to ""). */
  static String field(Import imp, String alias) {
    return alias != null && imp.module().isEmpty() && imp.name().equals(alias) ? "" : imp.name();
  }

  private static Rewritten rewriteOrNull(byte[] wasm) {
    if (wasm.length < 8) {
      return new Rewritten(wasm, null);
    }
    Reader r = new Reader(wasm, 8);
    while (r.pos < wasm.length) {
      int start = r.pos;
      int id = r.u8();
      long size = r.u32();
      int contentStart = r.pos;
      if (size < 0 || size > wasm.length - contentStart) {
        throw new IllegalStateException("section past the end");
      }
      int end = contentStart + (int) size;
      if (id == IMPORT_SECTION) {
        return rewriteSection(wasm, start, contentStart, end);
      }
      r.pos = end;
    }
    return new Rewritten(wasm, null);
  }

  private static Rewritten rewriteSection(byte[] wasm, int start, int contentStart, int end) {
    Reader r = new Reader(wasm, contentStart);
    long count = r.u32();
    // [entry start, kind byte, entry end, needs alias (0/1)]
    List<int[]> entries = new ArrayList<>();
    Set<String> emptyModuleNames = new HashSet<>();
    boolean any = false;
    for (long i = 0; i < count; i++) {
      int at = r.pos;
      String module = r.name();
      String field = r.name();
      int kindAt = r.pos;
      int kind = r.u8();
      r.skipDescriptor(kind);
      boolean both = module.isEmpty() && field.isEmpty() && kind == 0x00;
      any |= both;
      if (module.isEmpty()) {
        emptyModuleNames.add(field);
      }
      entries.add(new int[] {at, kindAt, r.pos, both ? 1 : 0});
    }
    if (!any || r.pos != end) {
      return new Rewritten(wasm, null);
    }
    String alias = ALIAS;
    for (int n = 2; emptyModuleNames.contains(alias); n++) {
      alias = ALIAS + "-" + n;
    }
    byte[] aliasBytes = alias.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    writeU32(content, count);
    for (int[] e : entries) {
      if (e[3] == 1) {
        content.write(0); // module ""
        writeU32(content, aliasBytes.length);
        content.write(aliasBytes, 0, aliasBytes.length);
        content.write(wasm, e[1], e[2] - e[1]); // kind and type index, as they were
      } else {
        content.write(wasm, e[0], e[2] - e[0]);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(wasm.length + 64);
    out.write(wasm, 0, start);
    out.write(IMPORT_SECTION);
    writeU32(out, content.size());
    out.write(content.toByteArray(), 0, content.size());
    out.write(wasm, end, wasm.length - end);
    return new Rewritten(out.toByteArray(), alias);
  }

  private static void writeU32(ByteArrayOutputStream out, long value) {
    long v = value;
    do {
      int b = (int) (v & 0x7f);
      v >>>= 7;
      out.write(v == 0 ? b : b | 0x80);
    } while (v != 0);
  }

  /** Just enough of the binary format to step over import entries. */
  private static final class Reader {
    private final byte[] wasm;
    private int pos;

    Reader(byte[] wasm, int pos) {
      this.wasm = wasm;
      this.pos = pos;
    }

    int u8() {
      return wasm[pos++] & 0xff;
    }

    /** An unsigned LEB128 of up to 10 bytes (memory64 limits are u64). */
    long u32() {
      long result = 0;
      for (int shift = 0; shift < 70; shift += 7) {
        int b = u8();
        result |= (long) (b & 0x7f) << shift;
        if ((b & 0x80) == 0) {
          return result;
        }
      }
      throw new IllegalStateException("LEB128 too long");
    }

    String name() {
      long length = u32();
      if (length < 0 || length > wasm.length - pos) {
        throw new IllegalStateException("name past the end");
      }
      String s = new String(wasm, pos, (int) length, StandardCharsets.UTF_8);
      pos += (int) length;
      return s;
    }

    void skipDescriptor(int kind) {
      switch (kind) {
        case 0x00 -> u32(); // function: type index
        case 0x01 -> { // table: reference type, limits
          valType();
          limits();
        }
        case 0x02 -> limits(); // memory
        case 0x03 -> { // global: value type, mutability
          valType();
          u8();
        }
        case 0x04 -> { // tag: attribute, type index
          u8();
          u32();
        }
        default -> throw new IllegalStateException("unknown import kind " + kind);
      }
    }

    private void valType() {
      int b = u8();
      if (b == 0x63 || b == 0x64) { // (ref null? ht): a signed LEB128 heap type follows
        while ((u8() & 0x80) != 0) {
          // continuation bytes
        }
      }
    }

    private void limits() {
      int flags = u8();
      if ((flags & ~0x07) != 0) {
        throw new IllegalStateException("limits flags " + flags);
      }
      u32(); // minimum
      if ((flags & 0x01) != 0) {
        u32();
      }
    }
  }
}
