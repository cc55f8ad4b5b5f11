;; Fills slots 0..3 of dyltable's table with an imported function (slot 0), one of its own
;; (slot 1), a function of another type (slot 2) and one of a type dyltable does not have (slot 3);
;; its type indices differ from dyltable's.
(module $dylfill
  (type $i32_i32 (func (param i32) (result i32)))
  (type $void (func))
  (import "env" "table" (table 5 funcref))
  (import "env" "inc" (func $inc (type $i32_i32)))
  (func $double (type $i32_i32) (i32.mul (local.get 0) (i32.const 2)))
  (func $nothing (type $void))
  (func $wide (param i64) (result i32) (i32.wrap_i64 (local.get 0)))
  (elem (table 0) (i32.const 0) func $inc $double $nothing $wide)
)
