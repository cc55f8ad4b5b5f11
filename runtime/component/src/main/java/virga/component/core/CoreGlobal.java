package virga.component.core;

/** A global variable, passed between core instances (for example a shared stack pointer). */
public non-sealed interface CoreGlobal extends CoreExtern {
  CoreValType type();

  boolean mutable();

  long get();

  void set(long value);
}
