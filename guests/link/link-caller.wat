;; World example:link/link-caller: imports greeter (served by link-greeter inside the workload) and exports
;; caller.call(name) = greeter.greet(name).
(component
  (import "example:link/greeter@0.1.0" (instance $g
    (export "greet" (func (param "name" string) (result string)))))
  (alias export $g "greet" (func $greet))
  (core module $m
    (import "a" "greet" (func $greet (param i32 i32 i32)))
    (memory (export "memory") 1)
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
    ;; call(ptr, len): greet writes (ptr, len) of its result at 32; return a pointer to that pair
    (func (export "call") (param $p i32) (param $l i32) (result i32)
      (call $greet (local.get $p) (local.get $l) (i32.const 32))
      (i32.const 32)))
  ;; the lowered import needs $m's memory: shim + fixup table, as wit-component does
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
  (func $call (param "name" string) (result string)
    (canon lift (core func $i "call") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))))
  (instance $api (export "call" (func $call)))
  (export "example:link/caller@0.1.0" (instance $api))
)
