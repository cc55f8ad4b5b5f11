package virga.wasi.filesystem;

import java.util.Locale;
import virga.component.values.Value;

/** The {@code wasi:filesystem/types.error-code} cases, in WIT order. */
public enum ErrorCode {
  ACCESS,
  WOULD_BLOCK,
  ALREADY,
  BAD_DESCRIPTOR,
  BUSY,
  DEADLOCK,
  QUOTA,
  EXIST,
  FILE_TOO_LARGE,
  ILLEGAL_BYTE_SEQUENCE,
  IN_PROGRESS,
  INTERRUPTED,
  INVALID,
  IO,
  IS_DIRECTORY,
  LOOP,
  TOO_MANY_LINKS,
  MESSAGE_SIZE,
  NAME_TOO_LONG,
  NO_DEVICE,
  NO_ENTRY,
  NO_LOCK,
  INSUFFICIENT_MEMORY,
  INSUFFICIENT_SPACE,
  NOT_DIRECTORY,
  NOT_EMPTY,
  NOT_RECOVERABLE,
  UNSUPPORTED,
  NO_TTY,
  NO_SUCH_DEVICE,
  OVERFLOW,
  NOT_PERMITTED,
  PIPE,
  READ_ONLY,
  INVALID_SEEK,
  TEXT_FILE_BUSY,
  CROSS_DEVICE;

  /** The WIT label, e.g. {@code no-entry}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** This code as an {@code error-code} enum value. */
  public Value.EnumValue value() {
    return new Value.EnumValue(label(), ordinal());
  }
}
