;; Arithmetic, a host import, traps and memory: the everyday cases.
(module $basics
  (import "host" "inc" (func $inc (param i32) (result i32)))
  (memory (export "memory") 1 4)
  (global $counter (export "counter") (mut i64) (i64.const 7))

  (func $add (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))

  ;; calls the host import n times, threading the value through it
  (func $loop_host (export "loop_host") (param $n i32) (result i32)
    (local $acc i32)
    (block $done
      (loop $again
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $acc (call $inc (local.get $acc)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $again)))
    (local.get $acc))

  (func $spin (export "spin")
    (loop $forever (br $forever)))

  ;; spins while calling the host import: interruption is checked at calls too
  (func $spin_host (export "spin_host")
    (loop $forever
      (drop (call $inc (i32.const 0)))
      (br $forever)))

  (func $recurse (export "recurse") (param i32) (result i32)
    (call $recurse (i32.add (local.get 0) (i32.const 1))))

  (func $inner_boom (unreachable))
  (func $boom (export "boom") (call $inner_boom))

  (func $div (export "div") (param i32 i32) (result i32)
    (i32.div_s (local.get 0) (local.get 1)))

  (func $load (export "load") (param i32) (result i32)
    (i32.load (local.get 0)))

  (func $store (export "store") (param i32 i32)
    (i32.store (local.get 0) (local.get 1)))

  (func $grow (export "grow") (param i32) (result i32)
    (memory.grow (local.get 0)))

  (func $f64 (export "half") (param f64) (result f64)
    (f64.mul (local.get 0) (f64.const 0.5)))
)
