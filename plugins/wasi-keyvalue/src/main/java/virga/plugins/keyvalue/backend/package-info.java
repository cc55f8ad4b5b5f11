/**
 * The storage backends of the wasi:keyvalue plugins (in-memory, filesystem, NATS JetStream KV,
 * Redis) behind {@link virga.plugins.keyvalue.backend.KvBackend}, and the rules they share: names,
 * key escaping, paging and the counter encoding.
 */
package virga.plugins.keyvalue.backend;
