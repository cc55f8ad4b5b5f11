;; Owns the memory and the stack pointer that the other instances import.
(module $libc
  (memory (export "memory") 1)
  (global (export "sp") (mut i32) (i32.const 1024))
)
