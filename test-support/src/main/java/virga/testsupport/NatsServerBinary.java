package virga.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Locates the nats-server executable: NATS_SERVER_BIN, else PATH, else Debian's /usr/sbin. */
public final class NatsServerBinary {

  /** Setting (system property or environment variable) naming the executable. */
  public static final String SETTING = "NATS_SERVER_BIN";

  private NatsServerBinary() {}

  /** The executable to run; may not exist (then tests using it skip or fail). */
  public static Path find() {
    String configured = Prerequisites.setting(SETTING, null);
    if (configured != null) {
      return Path.of(configured);
    }
    List<Path> candidates = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          candidates.add(Path.of(entry, "nats-server"));
        }
      }
    }
    // Debian installs it under sbin, which is not on a normal user's PATH
    candidates.add(Path.of("/usr/sbin/nats-server"));
    candidates.add(Path.of("/usr/local/bin/nats-server"));
    return candidates.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .orElse(candidates.get(candidates.size() - 2));
  }
}
