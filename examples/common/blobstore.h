// The wasi:blobstore@0.2.0-draft calls an example component makes (canonical ABI by hand, like wasi.h).
// Layouts of the results (return area): result<T, error> has its tag @0 and its payload @4: a handle, or the
// error string (ptr @4, len @8); result<tuple<list<string>, bool>, error> has the list @4/@8 and the bool @12.
#ifndef EXAMPLES_BLOBSTORE_H
#define EXAMPLES_BLOBSTORE_H
#include "wasi.h"

#define BLOBSTORE "wasi:blobstore/blobstore@0.2.0-draft"
#define BLOB_CONTAINER "wasi:blobstore/container@0.2.0-draft"
#define BLOB_TYPES "wasi:blobstore/types@0.2.0-draft"

IMPORT(BLOBSTORE, "create-container") void blob_create_container(const char *, uint32_t, void *ret);
IMPORT(BLOBSTORE, "get-container") void blob_get_container(const char *, uint32_t, void *ret);

IMPORT(BLOB_CONTAINER, "[method]container.get-data")
void container_get_data(h32, const char *, uint32_t, int64_t start, int64_t end, void *ret);
IMPORT(BLOB_CONTAINER, "[method]container.write-data")
void container_write_data(h32, const char *, uint32_t, h32 value, void *ret);
IMPORT(BLOB_CONTAINER, "[method]container.delete-object") void container_delete_object(h32, const char *, uint32_t, void *ret);
IMPORT(BLOB_CONTAINER, "[method]container.list-objects") void container_list_objects(h32, void *ret);
IMPORT(BLOB_CONTAINER, "[method]stream-object-names.read-stream-object-names")
void stream_object_names_read(h32, int64_t len, void *ret);
IMPORT(BLOB_CONTAINER, "[resource-drop]stream-object-names") void stream_object_names_drop(h32);
IMPORT(BLOB_CONTAINER, "[resource-drop]container") void container_drop(h32);

IMPORT(BLOB_TYPES, "[static]outgoing-value.new-outgoing-value") h32 outgoing_value_new(void);
// result<output-stream>: tag @0, handle @4
IMPORT(BLOB_TYPES, "[method]outgoing-value.outgoing-value-write-body") void outgoing_value_write_body(h32, void *ret);
IMPORT(BLOB_TYPES, "[static]outgoing-value.finish") void outgoing_value_finish(h32, void *ret);
IMPORT(BLOB_TYPES, "[resource-drop]outgoing-value") void outgoing_value_drop(h32);
IMPORT(BLOB_TYPES, "[static]incoming-value.incoming-value-consume-async") void incoming_value_consume_async(h32, void *ret);
IMPORT(BLOB_TYPES, "[method]incoming-value.size") int64_t incoming_value_size(h32);
IMPORT(BLOB_TYPES, "[resource-drop]incoming-value") void incoming_value_drop(h32);

// the error string of a failed result<_, error> in RET
static str_t blob_error(void) { str_t e = {(const char *)(uintptr_t)RU32(4), RU32(8)}; return e; }
#endif
