;; World example:resources/resources one level down: the whole `resources` component (guests/resources, built
;; from C by wit-component) is printed with `jco print` and pasted in place of the @inner line by build.sh
;; (kind `nest`), so its guest resource `counter` is defined in a nested component instance and its host resource
;; `blob` comes from an import of the outer component. The outer re-exports the nested instance's `api` export.
(component
  (type $host-ty
    (instance
      (export (;0;) "blob" (type (sub resource)))
      (type (;1;) (list u8))
      (type (;2;) (own 0))
      (type (;3;) (func (param "init" 1) (result 2)))
      (export (;0;) "[constructor]blob" (func (type 3)))
      (type (;4;) (borrow 0))
      (type (;5;) (func (param "self" 4) (result u32)))
      (export (;1;) "[method]blob.size" (func (type 5)))
      (type (;6;) (func (param "self" 4) (param "more" 1)))
      (export (;2;) "[method]blob.append" (func (type 6)))
      (type (;7;) (func (param "a" 4) (param "b" 4) (result 2)))
      (export (;3;) "[static]blob.concat" (func (type 7)))
      (type (;8;) (func (param "b" 2) (result u32)))
      (export (;4;) "consume" (func (type 8)))
    )
  )
  (import "example:resources/host@0.1.0" (instance $host (type $host-ty)))
  ;; @inner resources
  (instance $inner (instantiate $resources (with "example:resources/host@0.1.0" (instance $host))))
  (alias export $inner "example:resources/api@0.1.0" (instance $api))
  (export "example:resources/api@0.1.0" (instance $api))
)
