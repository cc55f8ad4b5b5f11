package virga.component.abi;

/** The {@code string-encoding} canonical option: how a guest represents strings in memory. */
public enum StringEncoding {
  /** {@code string-encoding=utf8}: byte length, alignment 1. */
  UTF8,
  /** {@code string-encoding=utf16}: little-endian code units, alignment 2. */
  UTF16,
  /**
   * {@code string-encoding=latin1+utf16}: Latin-1 bytes, or UTF-16 code units when the length has
   * {@link #UTF16_TAG} set.
   */
  LATIN1_UTF16;

  /** The bit of a latin1+utf16 length that marks the string as UTF-16. */
  public static final int UTF16_TAG = 1 << 31;
}
