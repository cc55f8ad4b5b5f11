package virga.component.abi;

import java.util.Objects;
import virga.component.core.CoreFunction;
import virga.component.core.CoreMemory;

/**
 * The canonical options of a {@code canon lift} or {@code canon lower}: string encoding, the guest
 * memory strings and lists live in, {@code cabi_realloc(old_ptr, old_size, align, new_size) ->
 * ptr}, and the post-return function (lift only). Memory, realloc and post-return may be null when
 * the function's types do not need them.
 */
public record CanonOptions(
    StringEncoding stringEncoding,
    CoreMemory memory,
    CoreFunction realloc,
    CoreFunction postReturn) {
  public CanonOptions {
    Objects.requireNonNull(stringEncoding, "stringEncoding");
  }

  /** Options for a function whose types touch no memory: utf8, nothing else. */
  public static CanonOptions none() {
    return new CanonOptions(StringEncoding.UTF8, null, null, null);
  }
}
