# Empties the names of wit-component's wiring in `jco print` output of the empty-import-c component (see
# guests/README.md): main imports greet as "" "" (and double as "" "double") from the instance passed as "",
# the shim module exports its function as "", and the fixup module imports the lowered greet as "" "".
s|(import "example:empty-import/host@0.1.0" "double"|(import "" "double"|
s|(import "example:empty-import/host@0.1.0" "greet"|(import "" ""|
s|(export "greet" (func $indirect-|(export "" (func $indirect-|
s|(with "example:empty-import/host@0.1.0" (instance|(with "" (instance|
s|(export "0" (func 0))|(export "" (func 0))|
s|(alias core export $wit-component-shim-instance "0"|(alias core export $wit-component-shim-instance ""|
s|(import "actual" "0"|(import "" ""|
s|(with "actual" (instance $actual))|(with "" (instance $actual))|
s|(export "0" (func $"#core-func3|(export "" (func $"#core-func3|
