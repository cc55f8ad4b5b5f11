package virga.component.core;

/**
 * A table of references. The component layer only passes tables between core instances (the adapter
 * "shim/fixup" pattern of wit-component), so the backend keeps the contents opaque.
 */
public non-sealed interface CoreTable extends CoreExtern {
  /** Current number of elements. */
  int size();
}
