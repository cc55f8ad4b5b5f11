/**
 * Supervision of a workload's service: {@link virga.host.service.ServiceSupervisor} runs a fresh
 * {@link virga.host.service.ServiceIncarnation} per (re)start on its own thread and restarts
 * crashes by a {@link virga.host.service.RestartPolicy} (budget, doubling backoff with a cap, the
 * budget restored after a healthy uptime); a clean exit is final.
 */
package virga.host.service;
