package virga.bench.cluster;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Distinct valid copies of one component: the original bytes followed by a custom section (id 0)
 * named {@value #SECTION} whose payload is the copy's number. A custom section may follow any
 * section of a component binary and is ignored by validation and compilation, so every copy is a
 * valid component doing exactly the original's work, yet has its own SHA-256: a compile-cache miss
 * on a host that holds the original. (A raw byte appended would make the binary invalid.)
 */
final class ComponentVariants {
  static final String SECTION = "virga-bench-variant";

  private ComponentVariants() {}

  /** Writes copy {@code n} of {@code original} to {@code dir/<name>-<n>.wasm}. */
  static Path write(byte[] original, int n, Path dir, String name) throws IOException {
    Path p = dir.resolve(name + "-" + n + ".wasm");
    Files.write(p, withCustomSection(original, SECTION, Integer.toString(n)));
    return p;
  }

  static byte[] withCustomSection(byte[] component, String name, String payload) {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    byte[] data = payload.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    leb(body, nameBytes.length);
    body.writeBytes(nameBytes);
    body.writeBytes(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(component);
    out.write(0); // custom section id
    leb(out, body.size());
    out.writeBytes(body.toByteArray());
    return out.toByteArray();
  }

  private static void leb(ByteArrayOutputStream out, int value) {
    int v = value;
    do {
      int b = v & 0x7f;
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }
}
