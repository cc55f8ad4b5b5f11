;; Host-import round trip at the component level: the component imports `host-add: func(a: u32, b: u32) -> u32`
;; (supplied by the embedder: Linker.function in Java, a JS function through jco) and its export
;; `call-host-loop(n)` calls it n times from inside the guest; `call-host(a, b)` calls it once.
(component
  (import "host-add" (func $host-add (param "a" u32) (param "b" u32) (result u32)))
  (core func $add (canon lower (func $host-add)))
  (core module $m
    (import "host" "add" (func $add (param i32 i32) (result i32)))
    (func (export "call-host") (param i32 i32) (result i32)
      (call $add (local.get 0) (local.get 1)))
    (func (export "call-host-loop") (param $n i32) (result i32)
      (local $i i32) (local $acc i32)
      (block $done
        (loop $l
          (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
          (local.set $acc (call $add (local.get $acc) (local.get $i)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l)))
      (local.get $acc)))
  (core instance $host (export "add" (func $add)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func $call-host (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "call-host")))
  (func $call-host-loop (param "n" u32) (result u32) (canon lift (core func $i "call-host-loop")))
  (export "call-host" (func $call-host))
  (export "call-host-loop" (func $call-host-loop)))
