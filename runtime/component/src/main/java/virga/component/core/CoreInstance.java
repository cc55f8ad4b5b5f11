package virga.component.core;

import java.util.Optional;

/** An instantiated core module. */
public interface CoreInstance {
  /** The export named {@code name}, if the module exports it. */
  Optional<CoreExtern> export(String name);
}
