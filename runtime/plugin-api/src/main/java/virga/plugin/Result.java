package virga.plugin;

import java.util.Objects;

/**
 * A WIT {@code result<T, E>} in typed host bindings: {@link #ok(Object)} or {@link #err(Object)}; a
 * null payload stands for {@code _} ({@code result<_, E>}, {@code result<T>}).
 *
 * @param isOk whether this is the ok case
 * @param value the ok payload (null when err or for {@code _})
 * @param error the err payload (null when ok or for {@code _})
 */
public record Result<T, E>(boolean isOk, T value, E error) {
  /** The ok case carrying {@code value}. */
  public static <T, E> Result<T, E> ok(T value) {
    return new Result<>(true, value, null);
  }

  /** The ok case of {@code result<_, E>}. */
  public static <T, E> Result<T, E> ok() {
    return new Result<>(true, null, null);
  }

  /** The err case carrying {@code error}. */
  public static <T, E> Result<T, E> err(E error) {
    return new Result<>(false, null, error);
  }

  /** The ok payload; throws when this is an error. */
  public T orElseThrow() {
    if (!isOk) {
      throw new IllegalStateException("result is err: " + Objects.toString(error));
    }
    return value;
  }
}
