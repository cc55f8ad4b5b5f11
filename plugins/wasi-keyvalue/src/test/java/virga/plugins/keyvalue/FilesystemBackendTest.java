package virga.plugins.keyvalue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import virga.plugins.keyvalue.backend.FilesystemBackend;
import virga.plugins.keyvalue.backend.KvBackend;

/** The conformance suite on {@link FilesystemBackend}, plus its path-escape guard. */
class FilesystemBackendTest extends KvConformance {
  @TempDir Path dir;

  @Override
  KvBackend newBackend() throws Exception {
    return new FilesystemBackend(dir.resolve("root"));
  }

  @Override
  boolean removeBucket(String physical) throws Exception {
    try (Stream<Path> files = Files.walk(dir.resolve("root").resolve(physical))) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
    return true;
  }

  @Test
  void keysNeverLeaveTheBucketDirectory() throws Exception {
    Bucket b = open();
    ok(store.bucketSet(b, "../../escape", bytes("x")));
    ok(store.bucketSet(b, "/abs", bytes("y")));
    try (Stream<Path> all = Files.walk(dir)) {
      assertThat(all.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()))
          .containsExactlyInAnyOrder(
              "root/" + b.physical() + "/=2E.=2F..=2Fescape", "root/" + b.physical() + "/=2Fabs");
    }
    assertThat(ok(store.bucketGet(b, "../../escape")).orElseThrow()).isEqualTo(bytes("x"));
  }
}
