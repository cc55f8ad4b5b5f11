package virga.host.cluster;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The machine figures of a heartbeat, named as wasmCloud's Rust host reports them ({@code
 * std::env::consts}: {@code x86_64}, {@code aarch64}, {@code linux}).
 */
final class SystemFigures {
  private final OperatingSystemMXBean os;

  SystemFigures() {
    java.lang.management.OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
    os = bean instanceof OperatingSystemMXBean sun ? sun : null;
  }

  /** {@code x86_64}, {@code aarch64}, ... */
  static String arch() {
    String a = System.getProperty("os.arch", "unknown").toLowerCase(Locale.ROOT);
    return switch (a) {
      case "amd64", "x86_64" -> "x86_64";
      case "arm64", "aarch64" -> "aarch64";
      case "i386", "i486", "i586", "i686", "x86" -> "x86";
      default -> a;
    };
  }

  /** {@code linux}, {@code macos}, {@code windows}, ... */
  static String osName() {
    String n = System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT);
    if (n.startsWith("mac")) {
      return "macos";
    }
    if (n.startsWith("windows")) {
      return "windows";
    }
    return n.replace(' ', '-');
  }

  /** The kernel version, e.g. {@code 6.1.0-18-amd64}. */
  static String kernel() {
    return System.getProperty("os.version", "unknown");
  }

  /** The machine's recent CPU use in percent (0 when the JVM cannot tell). */
  float cpuPercent() {
    if (os == null) {
      return 0f;
    }
    double load = os.getCpuLoad();
    return load < 0 ? 0f : (float) (load * 100.0);
  }

  /** Physical memory in bytes. */
  long memoryTotal() {
    return os == null ? 0 : Math.max(0, os.getTotalMemorySize());
  }

  /** Free physical memory in bytes. */
  long memoryFree() {
    return os == null ? 0 : Math.max(0, os.getFreeMemorySize());
  }
}
