/**
 * Message brokers behind the wasmcloud:messaging plugins: NATS (the host's data connection) and an
 * in-process broker with NATS semantics (subjects, wildcards, queue groups, request/reply).
 */
package virga.plugins.messaging.broker;
