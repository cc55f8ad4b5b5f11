/**
 * The core-wasm backend SPI: what the component layer needs from a core WebAssembly engine (compile
 * a module, instantiate it against imports, call functions, touch memory). Chicory implements it;
 * another engine can be added beside it without touching the component layer.
 *
 * <p>Core values cross this boundary as {@code long}: i32 in the low 32 bits, i64 as is, f32/f64 as
 * their raw IEEE bits ({@link java.lang.Float#floatToRawIntBits}, {@link
 * java.lang.Double#doubleToRawLongBits}).
 */
package virga.component.core;
