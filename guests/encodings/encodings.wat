;; World example:encodings/encodings, written directly as a component (no WASI, no libc): UTF-16 lift and lower.
;; latin1+utf16 lives in ../composed (jco 1.35 cannot transpile latin1+utf16 at the host boundary).
(component
  (import "example:encodings/host@0.1.0" (instance $host
    (export "transform" (func (param "s" string) (result string)))))
  (core module $m
    (import "host" "transform-utf16" (func $t16 (param i32 i32 i32)))
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
    (func $ret (param $p i32) (param $l i32) (result i32)
      (i32.store (i32.const 16) (local.get $p))
      (i32.store (i32.const 20) (local.get $l))
      (i32.const 16))
    (func (export "echo") (param i32 i32) (result i32) (call $ret (local.get 0) (local.get 1)))
    (func (export "raw-len") (param i32 i32) (result i32) (local.get 1))
    (func (export "via-host-utf16") (param i32 i32) (result i32)
      (call $t16 (local.get 0) (local.get 1) (i32.const 32))
      (call $ret (i32.load (i32.const 32)) (i32.load (i32.const 36))))
  )
  (alias export $host "transform" (func $transform))
  ;; A lowered import needs the memory of the module that imports it: instantiate $m against a shim whose
  ;; functions call through a table, then fill the table with the lowered import (as wit-component does).
  (core module $shim
    (table (export "$imports") 1 funcref)
    (type $t (func (param i32 i32 i32)))
    (func (export "transform-utf16") (param i32 i32 i32)
      (call_indirect (type $t) (local.get 0) (local.get 1) (local.get 2) (i32.const 0))))
  (core instance $shim (instantiate $shim))
  (core instance $i (instantiate $m (with "host" (instance $shim))))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "cabi_realloc" (core func $realloc))
  (core func $l16 (canon lower (func $transform) (memory $mem) (realloc $realloc) string-encoding=utf16))
  (core module $fixup
    (import "" "$imports" (table 1 funcref))
    (import "" "0" (func $a (param i32 i32 i32)))
    (elem (i32.const 0) func $a))
  (core instance (instantiate $fixup (with "" (instance
    (export "$imports" (table $shim "$imports"))
    (export "0" (func $l16))))))

  (func $e16 (param "s" string) (result string) (canon lift (core func $i "echo") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func $u16 (param "s" string) (result u32) (canon lift (core func $i "raw-len") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func $v16 (param "s" string) (result string) (canon lift (core func $i "via-host-utf16") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (instance $u (export "echo" (func $e16)) (export "units" (func $u16)) (export "via-host" (func $v16)))
  (export "example:encodings/utf16@0.1.0" (instance $u))
)
