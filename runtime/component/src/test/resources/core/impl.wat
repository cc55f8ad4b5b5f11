;; The "adapter" implementation: imports the shared memory, writes its answer there.
(module $impl
  (import "libc" "memory" (memory 1))
  (func $double_store (export "double_store") (param i32) (result i32)
    (i32.store (i32.const 16) (i32.mul (local.get 0) (i32.const 2)))
    (i32.mul (local.get 0) (i32.const 2)))
)
