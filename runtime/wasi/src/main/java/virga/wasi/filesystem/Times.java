package virga.wasi.filesystem;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.InstantSource;
import virga.component.values.Value;
import virga.wasi.host.Vals;

/** {@code new-timestamp} and {@code datetime} conversions and setting a path's times. */
final class Times {
  private Times() {}

  /** Sets access and modification times of {@code p} itself (a symlink is not followed). */
  static void set(Path p, FileTime accessed, FileTime modified) throws IOException {
    if (accessed == null && modified == null) {
      return;
    }
    Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
        .setTimes(modified, accessed, null);
  }

  /** A {@code new-timestamp}: null for {@code no-change}. */
  static FileTime newTimestamp(Value v, InstantSource clock) {
    Value.VariantValue nt = (Value.VariantValue) v;
    return switch (nt.caseName()) {
      case "no-change" -> null;
      case "now" -> FileTime.from(clock.instant());
      case "timestamp" -> FileTime.from(instant(nt.payload()));
      default -> throw new FsException(ErrorCode.INVALID, "new-timestamp " + nt.caseName());
    };
  }

  /**
   * A {@code datetime} record as an instant: {@code invalid} nanoseconds, {@code overflow} range.
   */
  static Instant instant(Value v) {
    Value.RecordValue r = (Value.RecordValue) v;
    long seconds = Vals.u64(r.get("seconds"));
    long nanos = Vals.u32(r.get("nanoseconds"));
    if (nanos >= 1_000_000_000L) {
      throw new FsException(ErrorCode.INVALID, "nanoseconds out of range: " + nanos);
    }
    try {
      if (seconds < 0) {
        throw new DateTimeException("seconds past 2^63");
      }
      return Instant.ofEpochSecond(seconds, nanos);
    } catch (DateTimeException e) {
      throw new FsException(ErrorCode.OVERFLOW, "timestamp out of range");
    }
  }

  /** {@code option<datetime>}: none for an unknown or pre-1970 time. */
  static Value datetime(FileTime t) {
    if (t == null) {
      return Value.none();
    }
    Instant i = t.toInstant();
    if (i.getEpochSecond() < 0) {
      return Value.none();
    }
    return Value.some(
        Value.record(
            Value.field("seconds", Value.u64(i.getEpochSecond())),
            Value.field("nanoseconds", Value.u32(i.getNano()))));
  }
}
