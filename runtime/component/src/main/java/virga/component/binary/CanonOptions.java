package virga.component.binary;

import virga.component.UnsupportedFeatureException;

/**
 * The {@code canonopt}s of a lift or lower. Index fields are null when the option is absent.
 *
 * @param stringEncoding the string encoding (UTF-8 when not given)
 * @param memory core memory index
 * @param realloc core function index of {@code cabi_realloc}
 * @param postReturn core function index of the post-return function (lift only)
 */
public record CanonOptions(
    StringEncoding stringEncoding, Integer memory, Integer realloc, Integer postReturn) {

  /** How strings are laid out in linear memory. */
  public enum StringEncoding {
    UTF8,
    UTF16,
    LATIN1_UTF16
  }

  /** No options: UTF-8 and no memory. */
  public static final CanonOptions NONE = new CanonOptions(StringEncoding.UTF8, null, null, null);

  static CanonOptions read(ByteReader in) {
    int n = in.count("canonical option");
    StringEncoding enc = null;
    Integer memory = null;
    Integer realloc = null;
    Integer postReturn = null;
    for (int i = 0; i < n; i++) {
      int at = in.position();
      int b = in.u8();
      switch (b) {
        case 0x00, 0x01, 0x02 -> {
          if (enc != null) {
            throw in.error("duplicate string-encoding option", at);
          }
          enc = StringEncoding.values()[b];
        }
        case 0x03 -> memory = once(in, memory, in.index(), "memory", at);
        case 0x04 -> realloc = once(in, realloc, in.index(), "realloc", at);
        case 0x05 -> postReturn = once(in, postReturn, in.index(), "post-return", at);
        case 0x06 -> throw TypeReader.async("async option", at, in);
        case 0x07 -> throw TypeReader.async("callback option", at, in);
        case 0x08 ->
            throw new UnsupportedFeatureException(
                "the core-type canonical option is not supported", at, in.section());
        case 0x09 ->
            throw new UnsupportedFeatureException(
                "the gc canonical option is not supported", at, in.section());
        default -> throw in.error(String.format("unknown canonical option 0x%02x", b), at);
      }
    }
    return new CanonOptions(enc == null ? StringEncoding.UTF8 : enc, memory, realloc, postReturn);
  }

  private static Integer once(ByteReader in, Integer old, int value, String what, int at) {
    if (old != null) {
      throw in.error("duplicate " + what + " option", at);
    }
    return value;
  }
}
