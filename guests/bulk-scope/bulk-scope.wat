;; World example:bulk-scope/bulk-scope: blob-provider and bulk-user, both built from C, printed with `jco print` and
;; pasted in place of the @inner lines by build.sh (kind `nest`); bulk-user imports blob-provider's host and bulk
;; exports, so blob handles inside list<blob>, list<borrow<blob>>, option<blob>, result<blob, string> and
;; tuple<blob, blob> cross between the two component instances.
(component
  ;; @inner blob-provider
  ;; @inner bulk-user
  (instance $provider (instantiate $blob-provider))
  (alias export $provider "example:resources/host@0.1.0" (instance $host))
  (alias export $provider "example:blob-provider/bulk@0.1.0" (instance $bulk))
  (instance $user (instantiate $bulk-user
    (with "example:resources/host@0.1.0" (instance $host))
    (with "example:blob-provider/bulk@0.1.0" (instance $bulk))))
  (alias export $user "example:bulk-user/api@0.1.0" (instance $api))
  (alias export $provider "example:blob-provider/stats@0.1.0" (instance $stats))
  (export "example:bulk-user/api@0.1.0" (instance $api))
  (export "example:blob-provider/stats@0.1.0" (instance $stats))
)
