package virga.component.core;

import java.util.List;

/**
 * A compiled, validated core module. Compile once (the engine caches by content digest),
 * instantiate many times.
 */
public interface CoreModule {
  /** The SHA-256 of the module's bytes, hex-encoded. */
  String digest();

  List<CoreImport> imports();

  List<CoreExport> exports();

  /**
   * Instantiates the module: resolves every import from {@code imports} (a missing or mismatched
   * one throws {@link virga.component.LinkException}) and runs its start function.
   */
  CoreInstance instantiate(CoreImports imports, InstanceLimits limits);
}
