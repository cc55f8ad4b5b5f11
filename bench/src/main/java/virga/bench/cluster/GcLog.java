package virga.bench.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heap figures from a JVM's {@code -Xlog:gc:file=...} log: the largest occupancy before a
 * collection (the heap's high-water mark) and the largest after one (an upper bound of the live
 * set).
 */
final class GcLog {
  private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

  private GcLog() {}

  /** {@code {peakBeforeMb, maxAfterMb}}, or {@code {-1, -1}} without a log or a collection. */
  static long[] peaks(Path log) {
    long before = -1;
    long after = -1;
    try {
      if (!Files.exists(log)) {
        return new long[] {-1, -1};
      }
      for (String line : Files.readAllLines(log)) {
        Matcher m = PAUSE.matcher(line);
        if (m.find()) {
          before = Math.max(before, Long.parseLong(m.group(1)));
          after = Math.max(after, Long.parseLong(m.group(2)));
        }
      }
    } catch (IOException e) {
      return new long[] {-1, -1};
    }
    return new long[] {before, after};
  }
}
