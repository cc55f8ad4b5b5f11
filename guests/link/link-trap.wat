;; A service that always traps: run() executes `unreachable`. The host's supervisor
;; restarts it in a fresh instance until its budget (maxRestarts) is spent.
(component
  (core module $m
    (func (export "run") (result i32) unreachable))
  (core instance $i (instantiate $m))
  (func $run (result (result)) (canon lift (core func $i "run")))
  (instance $run (export "run" (func $run)))
  (export "wasi:cli/run@0.2.0" (instance $run))
)
