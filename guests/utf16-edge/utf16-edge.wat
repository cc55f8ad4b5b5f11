;; World example:utf16-edge/utf16-edge, written directly as a component (no WASI, no libc): the guest returns
;; strings from data segments; the utf16 functions are lifted with string-encoding=utf16, the others with utf8.
(component
  (core module $m
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    (data (i32.const 64) "a\00\00\d8b\00")          ;; a, U+D800, b (little-endian code units)
    (data (i32.const 80) "\00\dc")                  ;; U+DC00
    (data (i32.const 96) "\00\dc\00\d8")            ;; U+DC00 U+D800
    (data (i32.const 112) "\3c\d8\89\df")           ;; U+D83C U+DF89
    (data (i32.const 129) "h\00i\00")               ;; at an odd address
    (data (i32.const 144) "\c0\80")                 ;; overlong NUL
    (data (i32.const 160) "\ed\a0\80")              ;; encoded surrogate
    (data (i32.const 176) "x\e2\82")                ;; truncated sequence
    ;; bump allocator (never frees)
    (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $new_size i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
      (global.set $bump (i32.add (local.get $p) (local.get $new_size)))
      (if (i32.gt_u (global.get $bump) (i32.mul (memory.size) (i32.const 65536))) (then unreachable))
      (if (local.get $old)
        (then (memory.copy (local.get $p) (local.get $old)
          (select (local.get $old_size) (local.get $new_size) (i32.lt_u (local.get $old_size) (local.get $new_size))))))
      (local.get $p))
    (func $ret (param $p i32) (param $l i32) (result i32)
      (i32.store (i32.const 16) (local.get $p))
      (i32.store (i32.const 20) (local.get $l))
      (i32.const 16))
    (func (export "lone-high") (result i32) (call $ret (i32.const 64) (i32.const 3)))
    (func (export "lone-low") (result i32) (call $ret (i32.const 80) (i32.const 1)))
    (func (export "reversed-pair") (result i32) (call $ret (i32.const 96) (i32.const 2)))
    (func (export "valid-pair") (result i32) (call $ret (i32.const 112) (i32.const 2)))
    (func (export "odd-ptr") (result i32) (call $ret (i32.const 129) (i32.const 2)))
    (func (export "too-long") (result i32) (call $ret (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 16)) (i32.const 40000)))
    (func (export "echo16") (param i32 i32) (result i32) (call $ret (local.get 0) (local.get 1)))
    (func (export "overlong") (result i32) (call $ret (i32.const 144) (i32.const 2)))
    (func (export "utf8-surrogate") (result i32) (call $ret (i32.const 160) (i32.const 3)))
    (func (export "truncated") (result i32) (call $ret (i32.const 176) (i32.const 3)))
  )
  (core instance $i (instantiate $m))
  (alias core export $i "memory" (core memory $mem))
  (alias core export $i "cabi_realloc" (core func $realloc))
  (type $s (func (result string)))
  (func $lone-high (type $s) (canon lift (core func $i "lone-high") (memory $mem) string-encoding=utf16))
  (func $lone-low (type $s) (canon lift (core func $i "lone-low") (memory $mem) string-encoding=utf16))
  (func $reversed-pair (type $s) (canon lift (core func $i "reversed-pair") (memory $mem) string-encoding=utf16))
  (func $valid-pair (type $s) (canon lift (core func $i "valid-pair") (memory $mem) string-encoding=utf16))
  (func $odd-ptr (type $s) (canon lift (core func $i "odd-ptr") (memory $mem) string-encoding=utf16))
  (func $too-long (type $s) (canon lift (core func $i "too-long") (memory $mem) string-encoding=utf16))
  (func $echo16 (param "s" string) (result string) (canon lift (core func $i "echo16") (memory $mem) (realloc $realloc) string-encoding=utf16))
  (func $overlong (type $s) (canon lift (core func $i "overlong") (memory $mem)))
  (func $utf8-surrogate (type $s) (canon lift (core func $i "utf8-surrogate") (memory $mem)))
  (func $truncated (type $s) (canon lift (core func $i "truncated") (memory $mem)))
  (instance $api
    (export "lone-high" (func $lone-high)) (export "lone-low" (func $lone-low))
    (export "reversed-pair" (func $reversed-pair)) (export "valid-pair" (func $valid-pair))
    (export "odd-ptr" (func $odd-ptr)) (export "too-long" (func $too-long)) (export "echo16" (func $echo16))
    (export "overlong" (func $overlong)) (export "utf8-surrogate" (func $utf8-surrogate)) (export "truncated" (func $truncated)))
  (export "example:utf16-edge/api@0.1.0" (instance $api))
)
