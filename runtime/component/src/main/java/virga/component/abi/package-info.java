/**
 * The canonical ABI: how component-model values are laid out in a core instance's linear memory and
 * flattened into core parameters and results.
 *
 * <p>The two entry points for instantiation are {@link virga.component.abi.LiftedFunction} (a guest
 * export callable with {@link virga.component.values.Value}s) and {@link
 * virga.component.abi.LoweredFunction} (a {@link virga.component.core.CoreFunction} a guest
 * imports, backed by a {@link virga.component.abi.HostFunction}). Both precompute a lift/lower plan
 * per parameter and result type at construction, so a call does no type dispatch beyond a virtual
 * call per value. Resources live in a per-instance {@link virga.component.abi.HandleTable}, held
 * with the instance's reentrance flags in {@link virga.component.abi.ComponentInstanceState}.
 *
 * <p>Normative reference: WebAssembly/component-model {@code design/mvp/CanonicalABI.md}. Every
 * guest-caused violation (out-of-bounds pointer, bad discriminant, invalid UTF-8, a misaligned
 * realloc result, a wrong handle) raises {@link virga.component.TrapException}; a host value that
 * does not match its type raises {@link virga.component.values.ValueTypeException}.
 */
package virga.component.abi;
