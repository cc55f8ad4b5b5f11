;; Host-import round trip: `call_host_loop` calls the imported `env.host_add` n times from inside the guest,
;; so one invocation measures n guest -> host -> guest round trips without the cost of entering the guest.
;; `call_host` is one Java -> guest -> host -> guest -> Java trip; `add` (no import) is the bare export call.
(module
  (import "env" "host_add" (func $host_add (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  (func (export "add") (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (func (export "call_host") (param i32 i32) (result i32)
    (call $host_add (local.get 0) (local.get 1)))
  (func (export "call_host_loop") (param $n i32) (result i32)
    (local $i i32) (local $acc i32)
    (block $done
      (loop $l
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (call $host_add (local.get $acc) (local.get $i)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $l)))
    (local.get $acc)))
