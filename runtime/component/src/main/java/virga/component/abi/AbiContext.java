package virga.component.abi;

import virga.component.TrapException;
import virga.component.core.CoreFunction;
import virga.component.core.CoreMemory;

/**
 * What one lift or lower needs at hand: the guest's memory, realloc and string encoding, the
 * instance whose handle table is used, and the call's borrow scope. One per call.
 */
final class AbiContext {
  final CoreMemory memory;
  final CoreFunction realloc;
  final StringEncoding encoding;
  final ComponentInstanceState inst;
  final CallScope scope;

  AbiContext(CanonOptions opts, ComponentInstanceState inst, CallScope scope) {
    this.memory = opts.memory();
    this.realloc = opts.realloc();
    this.encoding = opts.stringEncoding();
    this.inst = inst;
    this.scope = scope;
  }

  /**
   * Calls {@code cabi_realloc} and checks what it returns: aligned, and {@code newSize} bytes in
   * bounds.
   */
  int realloc(int oldPtr, int oldSize, int align, long newSize) {
    if (realloc == null) {
      throw new TrapException("canonical ABI: no realloc option to allocate guest memory");
    }
    long[] r = realloc.call(oldPtr, oldSize, align, newSize);
    int ptr = (int) r[0];
    checkRange(ptr, newSize, align, "realloc result");
    return ptr;
  }

  /** Traps unless {@code [ptr, ptr + length)} is inside memory and {@code ptr} is aligned. */
  void checkRange(int ptr, long length, int align, String what) {
    if ((ptr & (align - 1)) != 0) {
      throw new TrapException(
          "canonical ABI: "
              + what
              + " 0x"
              + Integer.toHexString(ptr)
              + " is not "
              + align
              + "-byte aligned");
    }
    if (Integer.toUnsignedLong(ptr) + length > memory.byteSize()) {
      throw new TrapException(
          "canonical ABI: "
              + what
              + " 0x"
              + Integer.toHexString(ptr)
              + " + "
              + length
              + " bytes is out of bounds of memory ("
              + memory.byteSize()
              + " bytes)");
    }
  }
}
