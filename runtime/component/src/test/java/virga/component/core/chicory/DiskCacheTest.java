package virga.component.core.chicory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled-module files: what was written is read back whole, or not at all. */
class DiskCacheTest {
  private static final String DIGEST = "ab".repeat(32);
  private static final byte[] JAR = "PK\u0003\u0004 pretend jar bytes".getBytes();

  @Test
  void whatIsPutIsGotBack(@TempDir Path root) throws Exception {
    DiskCache cache = new DiskCache(root, "9.9.9");
    assertThat(cache.get(DIGEST)).isNull();
    cache.put(DIGEST, JAR);
    assertThat(cache.get(DIGEST)).isEqualTo(JAR);
    assertThat(cache.fileFor(DIGEST)).isEqualTo(root.resolve("chicory-9.9.9/" + DIGEST + ".cjar"));
    try (Stream<Path> files = Files.list(root.resolve("chicory-9.9.9"))) {
      assertThat(files).containsExactly(cache.fileFor(DIGEST)); // no temporary file left
    }
  }

  @Test
  void anotherVersionHasItsOwnDirectory(@TempDir Path root) {
    new DiskCache(root, "1.0.0").put(DIGEST, JAR);
    assertThat(new DiskCache(root, "2.0.0").get(DIGEST)).isNull();
    assertThat(new DiskCache(root, "1.0.0").get(DIGEST)).isEqualTo(JAR);
  }

  @Test
  void everyDamagedFileIsAMissAndIsDeleted(@TempDir Path root) throws Exception {
    DiskCache cache = new DiskCache(root, "9.9.9");
    cache.put(DIGEST, JAR);
    Path file = cache.fileFor(DIGEST);
    byte[] whole = Files.readAllBytes(file);
    for (int length = 0; length < whole.length; length++) {
      Files.write(file, Arrays.copyOf(whole, length));
      assertThat(cache.get(DIGEST)).as("cut to %d bytes", length).isNull();
      assertThat(file).as("cut to %d bytes", length).doesNotExist();
    }
    for (int at = 0; at < whole.length; at++) {
      byte[] flipped = whole.clone();
      flipped[at] ^= 1;
      Files.write(file, flipped);
      assertThat(cache.get(DIGEST)).as("bit flipped at %d", at).isNull();
      assertThat(file).doesNotExist();
    }
    Files.write(file, JAR); // a bare jar, as written before the header existed
    assertThat(cache.get(DIGEST)).isNull();
    // the miss leaves room for the recompiled code
    cache.put(DIGEST, JAR);
    assertThat(cache.get(DIGEST)).isEqualTo(JAR);
  }
}
