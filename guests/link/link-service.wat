;; World example:link/link-service: a service (exports wasi:cli/run@0.2.0) importing greeter, served by
;; link-greeter inside the workload. run() calls greet("svc") and returns ok when the answer is the 10 bytes
;; "hello, svc", err otherwise.
(component
  (import "example:link/greeter@0.1.0" (instance $g
    (export "greet" (func (param "name" string) (result string)))))
  (alias export $g "greet" (func $greet))
  (core module $m
    (import "a" "greet" (func $greet (param i32 i32 i32)))
    (memory (export "memory") 1)
    (data (i32.const 8) "svc")
    (data (i32.const 64) "hello, svc")
    (global $bump (mut i32) (i32.const 1024))
    (func $alloc (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $p) (local.get $new_size)))
      (if (i32.gt_u (global.get $bump) (i32.mul (memory.size) (i32.const 65536)))
        (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $bump) (i32.mul (memory.size) (i32.const 65536))) (i32.const 16)) (i32.const 1))) (i32.const -1))
          (then unreachable))))
      (if (local.get $old)
        (then (memory.copy (local.get $p) (local.get $old)
          (select (local.get $old_size) (local.get $new_size) (i32.lt_u (local.get $old_size) (local.get $new_size))))))
      (local.get $p))
    ;; run() -> 0 (ok) when greet("svc") == "hello, svc", else 1 (err)
    (func (export "run") (result i32)
      (local $p i32) (local $i i32)
      (call $greet (i32.const 8) (i32.const 3) (i32.const 32))
      (if (i32.ne (i32.load (i32.const 36)) (i32.const 10)) (then (return (i32.const 1))))
      (local.set $p (i32.load (i32.const 32)))
      (block $done
        (loop $next
          (br_if $done (i32.eq (local.get $i) (i32.const 10)))
          (if (i32.ne (i32.load8_u (i32.add (local.get $p) (local.get $i)))
                      (i32.load8_u (i32.add (i32.const 64) (local.get $i))))
            (then (return (i32.const 1))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
      (i32.const 0)))
  (core module $shim
    (table (export "$imports") 1 funcref)
    (type $t (func (param i32 i32 i32)))
    (func (export "greet") (param i32 i32 i32)
      (call_indirect (type $t) (local.get 0) (local.get 1) (local.get 2) (i32.const 0))))
  (core instance $shim (instantiate $shim))
  (core instance $i (instantiate $m (with "a" (instance $shim))))
  (core func $greet_lowered (canon lower (func $greet) (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))))
  (core module $fixup
    (import "" "$imports" (table 1 funcref))
    (import "" "0" (func $f (param i32 i32 i32)))
    (elem (i32.const 0) func $f))
  (core instance (instantiate $fixup (with "" (instance
    (export "$imports" (table $shim "$imports"))
    (export "0" (func $greet_lowered))))))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $run (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $run))
)
