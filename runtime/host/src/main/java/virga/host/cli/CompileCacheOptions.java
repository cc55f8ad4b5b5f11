package virga.host.cli;

import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import virga.component.Engine;
import virga.host.engine.HostEngine;

/**
 * The compile-cache options of every command that compiles components: where compiled code is kept
 * by content digest, so that the next start of the same component skips its compilation.
 */
final class CompileCacheOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  @Option(
      names = "--compile-cache-dir",
      paramLabel = "DIR",
      description =
          "Where compiled components are kept, by the digest of their code, and reused by later"
              + " runs and restarts; hosts may share it (a volume in Kubernetes). An unusable"
              + " directory only costs compile time. Default: $XDG_CACHE_HOME/virga/compiled,"
              + " else ~/.cache/virga/compiled.")
  Path dir;

  @Option(
      names = "--no-compile-cache",
      description = "Keep compiled code in memory only: every run compiles its components afresh.")
  boolean off;

  /**
   * The cache directory these options give, or null for memory only.
   *
   * @throws CommandLine.ParameterException when both options are given
   */
  Path directory() {
    if (off && dir != null) {
      throw new CommandLine.ParameterException(
          mixee.commandLine(), "--compile-cache-dir and --no-compile-cache exclude each other");
    }
    if (off) {
      return null;
    }
    return dir != null ? dir : HostEngine.defaultCacheDirectory();
  }

  /** An engine with the compile cache these options give. */
  Engine engine() {
    return HostEngine.create(directory()).engine();
  }
}
