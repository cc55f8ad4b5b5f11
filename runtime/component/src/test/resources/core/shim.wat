;; wit-component's "shim": exports trampolines that call_indirect through a table the "fixup"
;; module fills once the real implementation exists.
(module $shim
  (type $t (func (param i32) (result i32)))
  (table (export "$imports") 1 1 funcref)
  (func $tramp0 (export "0") (param i32) (result i32)
    (call_indirect (type $t) (local.get 0) (i32.const 0)))
)
