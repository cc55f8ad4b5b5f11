package virga.wasi.filesystem;

import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Maps Java I/O failures to WASI error codes: by exception type first, then by the OS message
 * ({@code strerror} text) that {@link FileSystemException#getReason()} carries on Unix, as wasmtime
 * maps errno values.
 */
final class Errors {
  private static final Map<String, ErrorCode> REASONS = new LinkedHashMap<>();

  static {
    REASONS.put("Not a directory", ErrorCode.NOT_DIRECTORY);
    REASONS.put("Is a directory", ErrorCode.IS_DIRECTORY);
    REASONS.put("Too many levels of symbolic links", ErrorCode.LOOP);
    REASONS.put("File name too long", ErrorCode.NAME_TOO_LONG);
    REASONS.put("Read-only file system", ErrorCode.READ_ONLY);
    REASONS.put("Directory not empty", ErrorCode.NOT_EMPTY);
    REASONS.put("Operation not permitted", ErrorCode.NOT_PERMITTED);
    REASONS.put("Permission denied", ErrorCode.ACCESS);
    REASONS.put("Invalid cross-device link", ErrorCode.CROSS_DEVICE);
    REASONS.put("No space left on device", ErrorCode.INSUFFICIENT_SPACE);
    REASONS.put("Disk quota exceeded", ErrorCode.QUOTA);
    REASONS.put("Too many links", ErrorCode.TOO_MANY_LINKS);
    REASONS.put("File too large", ErrorCode.FILE_TOO_LARGE);
    REASONS.put("Device or resource busy", ErrorCode.BUSY);
    REASONS.put("Text file busy", ErrorCode.TEXT_FILE_BUSY);
    REASONS.put("Bad file descriptor", ErrorCode.BAD_DESCRIPTOR);
    REASONS.put("Invalid argument", ErrorCode.INVALID);
    REASONS.put("Value too large", ErrorCode.OVERFLOW);
    REASONS.put("No such file or directory", ErrorCode.NO_ENTRY);
    REASONS.put("File exists", ErrorCode.EXIST);
    REASONS.put("Input/output error", ErrorCode.IO);
    REASONS.put("Cannot allocate memory", ErrorCode.INSUFFICIENT_MEMORY);
    REASONS.put("Interrupted system call", ErrorCode.INTERRUPTED);
    REASONS.put("Broken pipe", ErrorCode.PIPE);
    REASONS.put("Illegal seek", ErrorCode.INVALID_SEEK);
    REASONS.put("Operation not supported", ErrorCode.UNSUPPORTED);
  }

  private Errors() {}

  /** The error code for a failure thrown by a java.nio operation. */
  static ErrorCode code(Throwable e) {
    if (e instanceof FsException f) {
      return f.code();
    }
    if (e.getCause() instanceof FsException f) {
      return f.code();
    }
    if (e instanceof UncheckedIOException u) {
      return code(u.getCause());
    }
    if (e instanceof DirectoryIteratorException d) {
      return code(d.getCause());
    }
    if (e instanceof NoSuchFileException) {
      return ErrorCode.NO_ENTRY;
    }
    if (e instanceof FileAlreadyExistsException) {
      return ErrorCode.EXIST;
    }
    if (e instanceof DirectoryNotEmptyException) {
      return ErrorCode.NOT_EMPTY;
    }
    if (e instanceof NotDirectoryException) {
      return ErrorCode.NOT_DIRECTORY;
    }
    if (e instanceof AccessDeniedException) {
      return ErrorCode.ACCESS;
    }
    if (e instanceof NotLinkException) {
      return ErrorCode.INVALID;
    }
    if (e instanceof FileSystemLoopException) {
      return ErrorCode.LOOP;
    }
    if (e instanceof AtomicMoveNotSupportedException) {
      return ErrorCode.CROSS_DEVICE;
    }
    if (e instanceof ClosedChannelException
        || e instanceof NonReadableChannelException
        || e instanceof NonWritableChannelException) {
      return ErrorCode.BAD_DESCRIPTOR;
    }
    if (e instanceof InvalidPathException || e instanceof IllegalArgumentException) {
      return ErrorCode.INVALID;
    }
    if (e instanceof SecurityException) {
      return ErrorCode.ACCESS;
    }
    if (e instanceof UnsupportedOperationException) {
      return ErrorCode.UNSUPPORTED;
    }
    String reason =
        e instanceof FileSystemException f && f.getReason() != null
            ? f.getReason()
            : e.getMessage();
    if (reason != null) {
      for (Map.Entry<String, ErrorCode> r : REASONS.entrySet()) {
        if (reason.contains(r.getKey())) {
          return r.getValue();
        }
      }
    }
    return ErrorCode.IO;
  }

  /** {@code e} as an {@link FsException}. */
  static FsException of(Throwable e) {
    return e instanceof FsException f ? f : new FsException(code(e), e);
  }
}
