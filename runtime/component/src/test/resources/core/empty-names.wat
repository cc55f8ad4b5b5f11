;; A function import whose module and field names are both empty (valid WebAssembly; component shims
;; use the shape), next to an import named like the alias the Chicory backend uses for it.
(module
  (import "" "" (func $empty (param i32) (result i32)))
  (import "" "virga:empty-name" (func $taken (param i32) (result i32)))
  (func (export "call-empty") (param i32) (result i32) local.get 0 call $empty)
  (func (export "call-taken") (param i32) (result i32) local.get 0 call $taken))
