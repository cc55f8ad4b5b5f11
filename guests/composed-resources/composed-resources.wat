;; World example:composed-resources/composed-resources: two components built from C by wit-component, printed
;; with `jco print` and pasted in place of the @inner lines by build.sh (kind `nest`), linked inside one
;; component: blob-provider exports example:resources/host (the resource `blob` implemented by a guest), and
;; the resources component imports it, so blob handles (own and borrow, constructor, methods, static, own
;; passed back, drops) cross between two component instances. Nothing is imported from the host.
(component
  ;; @inner blob-provider
  ;; @inner resources
  (instance $provider (instantiate $blob-provider))
  (alias export $provider "example:resources/host@0.1.0" (instance $host))
  (instance $user (instantiate $resources (with "example:resources/host@0.1.0" (instance $host))))
  (alias export $user "example:resources/api@0.1.0" (instance $api))
  (alias export $provider "example:blob-provider/stats@0.1.0" (instance $stats))
  (export "example:resources/api@0.1.0" (instance $api))
  (export "example:blob-provider/stats@0.1.0" (instance $stats))
)
