package virga.host.cli;

import java.time.Duration;
import picocli.CommandLine.Option;
import virga.component.core.InstanceLimits;

/** The guest limits every command that runs a component accepts. */
final class LimitOptions {
  @Option(
      names = "--deadline",
      paramLabel = "DURATION",
      description =
          "Interrupt a call into the guest after this long (e.g. 500ms, 10s, 2m, PT1H; 0 = none)."
              + " Default: ${DEFAULT-VALUE}.",
      defaultValue = "0",
      converter = DurationConverter.class)
  Duration deadline;

  @Option(
      names = "--max-memory-mb",
      paramLabel = "MIB",
      description =
          "The most linear memory one guest memory may grow to, in MiB (0 = no limit)."
              + " Default: ${DEFAULT-VALUE}.",
      defaultValue = "0")
  long maxMemoryMb;

  InstanceLimits limits() {
    return new InstanceLimits(maxMemoryMb * 1024 * 1024, deadline.isZero() ? null : deadline);
  }
}
