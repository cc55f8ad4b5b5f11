package virga.component.abi;

/** A position in an array of flat core values, read by lifting and written by lowering. */
final class FlatCursor {
  final long[] vals;
  int pos;

  FlatCursor(long[] vals) {
    this.vals = vals;
  }

  long next() {
    return vals[pos++];
  }

  void put(long v) {
    vals[pos++] = v;
  }
}
