package virga.component.core;

/** Compiles core modules. Implementations are thread-safe and cache compiled code by digest. */
public interface CoreEngine {
  /** Parses, validates and compiles; throws {@link virga.component.MalformedComponentException}. */
  CoreModule compile(byte[] wasm);
}
