;; World example:nested/nested: a component nested inside a component, instantiated twice.
(component
  (import "example:nested/host@0.1.0" (instance $host (export "offset" (func (result u32)))))
  (alias export $host "offset" (func $offset))

  (component $inner
    (import "offset" (func $offset (result u32)))
    (core module $m
      (import "h" "offset" (func $off (result i32)))
      (global $n (mut i32) (i32.const 0))
      (func (export "add-offset") (param i32) (result i32) (i32.add (local.get 0) (call $off)))
      (func (export "next") (result i32)
        (global.set $n (i32.add (global.get $n) (i32.const 1)))
        (global.get $n)))
    (core func $off_lowered (canon lower (func $offset)))
    (core instance $h (export "offset" (func $off_lowered)))
    (core instance $i (instantiate $m (with "h" (instance $h))))
    (func (export "add-offset") (param "a" u32) (result u32) (canon lift (core func $i "add-offset")))
    (func (export "next") (result u32) (canon lift (core func $i "next"))))

  (instance $one (instantiate $inner (with "offset" (func $offset))))
  (instance $two (instantiate $inner (with "offset" (func $offset))))
  (instance $api
    (export "add-offset" (func $one "add-offset"))
    (export "next-a" (func $one "next"))
    (export "next-b" (func $two "next")))
  (export "example:nested/api@0.1.0" (instance $api))
)
