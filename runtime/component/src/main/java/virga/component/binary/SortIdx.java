package virga.component.binary;

import java.util.Objects;

/** A reference to item {@code index} of the {@code sort} index space. */
public record SortIdx(Sort sort, int index) {
  public SortIdx {
    Objects.requireNonNull(sort, "sort");
  }

  static SortIdx read(ByteReader in) {
    Sort s = Sort.read(in);
    return new SortIdx(s, in.index());
  }

  static SortIdx readCore(ByteReader in) {
    Sort s = Sort.readCore(in);
    return new SortIdx(s, in.index());
  }

  @Override
  public String toString() {
    return "(" + sort + " " + index + ")";
  }
}
