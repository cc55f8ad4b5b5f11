;; The main module: imports memory and a global from libc and a function from the shim.
(module $main
  (import "libc" "memory" (memory 1))
  (import "libc" "sp" (global $sp (mut i32)))
  (import "shim" "double_store" (func $double_store (param i32) (result i32)))
  ;; returns what the adapter wrote to memory plus the stack pointer; bumps the stack pointer
  (func $run (export "run") (param i32) (result i32)
    (drop (call $double_store (local.get 0)))
    (global.set $sp (i32.add (global.get $sp) (i32.const 16)))
    (i32.add (i32.load (i32.const 16)) (global.get $sp)))
)
