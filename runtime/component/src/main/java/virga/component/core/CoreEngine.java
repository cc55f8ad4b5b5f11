package virga.component.core;

/** Compiles core modules. Implementations are thread-safe and cache compiled code by digest. */
public interface CoreEngine {
  /**
   * Parses, validates and compiles; throws {@link virga.component.MalformedComponentException}
   * whose offset is relative to the start of {@code wasm} (0 when the position is not known).
   */
  CoreModule compile(byte[] wasm);
}
