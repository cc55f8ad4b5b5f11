;; Dynamic-linking layout (componentize-qjs / wit-dylib) in miniature: core module $main owns the
;; __indirect_function_table and calls through it; core module $lib puts a lowered host import and
;; an adapter of its own into that table. Their type sections order the types differently, so a
;; call_indirect must compare function types, not module-local type indices.
;; Rebuild: guests/tools/node_modules/.bin/jco parse dylib-table.component.wat -o dylib-table.component.wasm
(component
  (import "test:math/ops@1.2.3" (instance $ops
    (export "double" (func (param "x" u32) (result u32)))))
  (alias export $ops "double" (func $double))
  (core func $double-lowered (canon lower (func $double)))

  (core module $main
    (type $unused (func (param f64) (result f64)))
    (type $i32_i32 (func (param i32) (result i32)))
    (table (export "__indirect_function_table") 2 funcref)
    ;; slot 0: the host import, slot 1: the library's adapter
    (func (export "via-table") (param $slot i32) (param $x i32) (result i32)
      (call_indirect (type $i32_i32) (local.get $x) (local.get $slot))))
  (core instance $main (instantiate $main))

  (core module $lib
    (type $i32_i32 (func (param i32) (result i32)))
    (import "env" "__indirect_function_table" (table 2 funcref))
    (import "test:math/ops@1.2.3" "double" (func $double (type $i32_i32)))
    (func $quad (type $i32_i32) (call $double (call $double (local.get 0))))
    (elem (table 0) (i32.const 0) func $double $quad))
  (core instance $env (export "__indirect_function_table" (table $main "__indirect_function_table")))
  (core instance $imports (export "double" (func $double-lowered)))
  (core instance $lib (instantiate $lib
    (with "env" (instance $env))
    (with "test:math/ops@1.2.3" (instance $imports))))

  (func $via-table (param "slot" u32) (param "x" u32) (result u32)
    (canon lift (core func $main "via-table")))
  (export "via-table" (func $via-table))
)
