;; World example:borrow-scope/borrow-scope: blob-provider (the resource blob implemented by a guest) and
;; borrow-user (a guest taking borrow<blob> parameters), both built from C, printed with `jco print` and pasted in
;; place of the @inner lines by build.sh (kind `nest`). The outer component exports the provider's
;; example:resources/host (so callers can make blobs) and the user's api, whose borrow<blob> parameters therefore
;; carry handles of a resource implemented by another component instance: the user must drop each borrow handle
;; before it returns (CanonicalABI.md: a call traps at its end while it still holds borrows).
(component
  ;; @inner blob-provider
  ;; @inner borrow-user
  (instance $provider (instantiate $blob-provider))
  (alias export $provider "example:resources/host@0.1.0" (instance $host))
  (instance $user (instantiate $borrow-user (with "example:resources/host@0.1.0" (instance $host))))
  (alias export $user "example:borrow-user/api@0.1.0" (instance $api))
  (export "example:resources/host@0.1.0" (instance $host))
  (export "example:borrow-user/api@0.1.0" (instance $api))
)
