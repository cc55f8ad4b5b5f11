/**
 * Instance pools with wasmCloud's semantics ({@code poolSize}, {@code maxInvocations}, {@code
 * maxConcurrency}): {@link virga.host.pool.InstancePool} never queues a call, serving it from a
 * one-shot instance when the pool is full, and retires trapped and used-up instances.
 */
package virga.host.pool;
