package virga.plugins.it.keyvalue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/** kv-counter on {@code backend=filesystem}. */
class FilesystemKvCounterIT extends KvCounterContract {
  @TempDir Path root;

  @Override
  Map<String, String> settings() {
    return Map.of("backend", "filesystem", "root", root.toString());
  }

  @Override
  boolean persists() {
    return true;
  }
}
