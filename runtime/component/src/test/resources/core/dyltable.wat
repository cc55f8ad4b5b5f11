;; Dynamic-linking style (wit-dylib, componentize-qjs): this module owns the shared
;; __indirect_function_table and calls through it; another module ("dylfill") puts its own
;; functions there. The caller's type indices differ from the filler's: call_indirect must
;; compare the types, not the module-local indices.
(module $dyltable
  (type $unused0 (func (param f64)))
  (type $unused1 (func (param f32 f32)))
  (type $i32_i32 (func (param i32) (result i32)))
  (type $void (func))
  (type $i32_i32_again (func (param i32) (result i32)))
  (table (export "table") 5 funcref)
  (func (export "call") (param $slot i32) (param $x i32) (result i32)
    (call_indirect (type $i32_i32) (local.get $x) (local.get $slot)))
  ;; an equivalent type under another index must match too
  (func (export "call_again") (param $slot i32) (param $x i32) (result i32)
    (call_indirect (type $i32_i32_again) (local.get $x) (local.get $slot)))
  (func (export "call_void") (param $slot i32)
    (call_indirect (type $void) (local.get $slot)))
)
