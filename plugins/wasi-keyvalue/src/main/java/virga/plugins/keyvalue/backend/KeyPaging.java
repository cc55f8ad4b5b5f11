package virga.plugins.keyvalue.backend;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code list-keys} paging, the same on every backend: keys sorted by their UTF-16 text, {@value
 * #PAGE_SIZE} per page, the cursor being how many keys the earlier pages returned (wasmCloud's
 * in-memory rule). Offsets over a changing bucket may skip or repeat a key, which the WIT allows
 * ("MAY show an out-of-date list").
 */
public final class KeyPaging {
  /** Keys per page. */
  public static final int PAGE_SIZE = 100;

  /** One page: the keys and the cursor of the next page, empty after the last. */
  public record Page(List<String> keys, OptionalLong next) {}

  private KeyPaging() {}

  /** The page of {@code all} starting at {@code cursor} (0 for the first). */
  public static Page page(List<String> all, long cursor) {
    List<String> sorted = new ArrayList<>(all);
    Collections.sort(sorted);
    // a u64 cursor past Long.MAX_VALUE arrives negative: past the end like any other large one
    if (cursor < 0 || cursor >= sorted.size()) {
      return new Page(List.of(), OptionalLong.empty());
    }
    int from = (int) cursor;
    int to = Math.min(sorted.size(), from + PAGE_SIZE);
    return new Page(
        List.copyOf(sorted.subList(from, to)),
        to < sorted.size() ? OptionalLong.of(to) : OptionalLong.empty());
  }
}
