;; Imports WASI interfaces at old 0.2.x versions (random 0.2.0, monotonic-clock 0.2.3 with its
;; pollable resource from io/poll 0.2.0) to prove a host registering 0.2.12 serves them semver-compatibly.
(component
  (import "wasi:random/random@0.2.0" (instance $random
    (export "get-random-u64" (func (result u64)))))
  (import "wasi:io/poll@0.2.0" (instance $poll
    (export "pollable" (type (sub resource)))))
  (alias export $poll "pollable" (type $pollable))
  (import "wasi:clocks/monotonic-clock@0.2.3" (instance $clock
    (export "pollable" (type (eq $pollable)))
    (export "now" (func (result u64)))))
  (alias export $random "get-random-u64" (func $rand))
  (alias export $clock "now" (func $now))
  (core func $rand-core (canon lower (func $rand)))
  (core func $now-core (canon lower (func $now)))
  (core module $m
    (import "host" "rand" (func $rand (result i64)))
    (import "host" "now" (func $now (result i64)))
    (func (export "random") (result i64) (call $rand))
    (func (export "now") (result i64) (call $now)))
  (core instance $host (export "rand" (func $rand-core)) (export "now" (func $now-core)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func $random-out (result u64) (canon lift (core func $i "random")))
  (func $now-out (result u64) (canon lift (core func $i "now")))
  (export "random" (func $random-out))
  (export "now" (func $now-out)))
