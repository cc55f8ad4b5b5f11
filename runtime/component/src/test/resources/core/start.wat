;; Runs a start function: sets a global, or traps when the imported flag says so.
(module $start
  (import "host" "should_trap" (func $should_trap (result i32)))
  (global $ran (export "ran") (mut i32) (i32.const 0))
  (func $init
    (if (call $should_trap) (then unreachable))
    (global.set $ran (i32.const 1)))
  (start $init)
)
