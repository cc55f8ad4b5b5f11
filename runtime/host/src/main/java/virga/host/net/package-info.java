/**
 * The per-workload virtual loopback: each workload gets an address of 127.0.0.0/8 of its own
 * ({@link virga.host.net.LoopbackAllocator}), and {@link virga.host.net.WorkloadNetworkPolicy} maps
 * the guest's 127.0.0.1 onto it, so workloads can listen on the same port and never reach each
 * other's (or the machine's) loopback listeners.
 */
package virga.host.net;
