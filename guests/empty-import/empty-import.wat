;; World example:empty-import/empty-import, written directly as a component (no WASI, no libc): core modules
;; whose imports have an empty module name AND an empty field name, `(import "" "" (func))`.
;; - $calc imports the lowered host function `double` directly as "" "" from a core instance exporting it as "".
;; - $m imports `greet` (which needs $m's own memory) as "" "" from a shim instance, the way wit-component wires
;;   indirect lowerings: the shim calls through a table that a fixup module fills after $m exists; the fixup
;;   module imports the lowered function as "" "" too.
(component
  (import "example:empty-import/host@0.1.0" (instance $host
    (export "double" (func (param "x" u32) (result u32)))
    (export "greet" (func (param "name" string) (result string)))))
  (alias export $host "double" (func $double))
  (alias export $host "greet" (func $greet))

  (core module $calc
    (import "" "" (func $double (param i32) (result i32)))
    (func (export "run") (param i32) (result i32)
      (i32.add (call $double (local.get 0)) (i32.const 1))))
  (core func $double-lowered (canon lower (func $double)))
  (core instance $calc (instantiate $calc (with "" (instance (export "" (func $double-lowered))))))

  (core module $m
    (import "" "" (func $greet (param i32 i32 i32)))
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 1024))
    ;; bump allocator; copies the old contents on realloc
    (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
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
    (func (export "hello") (param i32 i32) (result i32)
      (call $greet (local.get 0) (local.get 1) (i32.const 16))
      (i32.const 16)))
  (core module $shim
    (table (export "$imports") 1 funcref)
    (type $t (func (param i32 i32 i32)))
    (func (export "") (param i32 i32 i32)
      (call_indirect (type $t) (local.get 0) (local.get 1) (local.get 2) (i32.const 0))))
  (core instance $shim (instantiate $shim))
  (core instance $i (instantiate $m (with "" (instance $shim))))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "cabi_realloc" (core func $realloc))
  (core func $greet-lowered (canon lower (func $greet) (memory $mem) (realloc $realloc)))
  (core module $fixup
    (import "" "$imports" (table 1 funcref))
    (import "" "" (func $f (param i32 i32 i32)))
    (elem (i32.const 0) func $f))
  (core instance (instantiate $fixup (with "" (instance
    (export "$imports" (table $shim "$imports"))
    (export "" (func $greet-lowered))))))

  (func $run (param "x" u32) (result u32) (canon lift (core func $calc "run")))
  (func $hello (param "name" string) (result string) (canon lift (core func $i "hello") (memory $mem) (realloc $realloc)))
  (instance $api (export "run" (func $run)) (export "hello" (func $hello)))
  (export "example:empty-import/api@0.1.0" (instance $api))
)
