package virga.component.core;

/**
 * A callable core function: exported by a core instance, or implemented in Java (a lowered host
 * function) and passed as an import. Calls may throw {@link virga.component.TrapException}.
 */
public non-sealed interface CoreFunction extends CoreExtern {
  /** The signature. */
  CoreFuncType type();

  /** Calls the function; arguments and results are encoded as described in the package docs. */
  long[] call(long... args);

  /** A core function implemented in Java, to be imported by a core module. */
  static CoreFunction host(CoreFuncType type, HostCall body) {
    return new CoreFunction() {
      @Override
      public CoreFuncType type() {
        return type;
      }

      @Override
      public long[] call(long... args) {
        return body.call(args);
      }
    };
  }

  /** The body of a host-implemented core function. */
  @FunctionalInterface
  interface HostCall {
    /** Runs with the core arguments and returns the core results (an empty array for none). */
    long[] call(long[] args);
  }
}
