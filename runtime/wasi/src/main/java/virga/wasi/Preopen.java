package virga.wasi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A host directory the guest sees as a preopened directory at {@code guestPath} ({@code
 * wasi:filesystem/preopens}); {@code readOnly} forbids every mutation below it.
 */
public record Preopen(Path hostPath, String guestPath, boolean readOnly) {
  public Preopen {
    Objects.requireNonNull(hostPath, "hostPath");
    Objects.requireNonNull(guestPath, "guestPath");
  }
}
