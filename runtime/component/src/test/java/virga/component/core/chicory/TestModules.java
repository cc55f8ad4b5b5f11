package virga.component.core.chicory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Test core modules: the committed .wasm files (built from .wat by build.sh) and generated ones.
 */
final class TestModules {
  private TestModules() {}

  /** The bytes of {@code src/test/resources/core/<name>.wasm}. */
  static byte[] load(String name) {
    try (InputStream in = TestModules.class.getResourceAsStream("/core/" + name + ".wasm")) {
      if (in == null) {
        throw new IllegalArgumentException("no test module " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A module exporting {@code big: (param i32) (result i32)} that adds 1 to its argument {@code
   * repeats} times in one straight-line function: large repeat counts exceed the JVM's 64 KiB
   * method limit, so Chicory must run the function in its interpreter.
   */
  static byte[] bigFunction(int repeats) {
    var body = new ByteArrayOutputStream();
    body.write(0); // no local declarations
    for (int i = 0; i < repeats; i++) {
      body.writeBytes(new byte[] {0x20, 0x00, 0x41, 0x01, 0x6a, 0x21, 0x00});
    }
    body.writeBytes(new byte[] {0x20, 0x00, 0x0b});
    var out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00});
    section(
        out, 1, new byte[] {0x01, 0x60, 0x01, 0x7f, 0x01, 0x7f}); // (func (param i32) (result i32))
    section(out, 3, new byte[] {0x01, 0x00});
    section(out, 7, new byte[] {0x01, 0x03, 'b', 'i', 'g', 0x00, 0x00});
    var code = new ByteArrayOutputStream();
    code.write(0x01);
    leb(code, body.size());
    code.writeBytes(body.toByteArray());
    section(out, 10, code.toByteArray());
    return out.toByteArray();
  }

  private static void section(ByteArrayOutputStream out, int id, byte[] content) {
    out.write(id);
    leb(out, content.length);
    out.writeBytes(content);
  }

  private static void leb(ByteArrayOutputStream out, int value) {
    do {
      int b = value & 0x7f;
      value >>>= 7;
      out.write(value == 0 ? b : b | 0x80);
    } while (value != 0);
  }
}
