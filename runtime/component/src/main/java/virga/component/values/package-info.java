/**
 * Component-model values as the host sees them: the immutable {@link virga.component.values.Value}
 * tree that the canonical ABI lifts from and lowers into guest memory, the type checker {@link
 * virga.component.values.Values}, and the WAVE text encoding {@link virga.component.values.Wave}
 * (the format of {@code wasmtime run --invoke}).
 */
package virga.component.values;
