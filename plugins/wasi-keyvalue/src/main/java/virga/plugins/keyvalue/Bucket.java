package virga.plugins.keyvalue;

import virga.plugins.keyvalue.backend.KvBackend;

/**
 * The {@code bucket} resource a guest holds: the backend it was opened on and its physical name
 * there (the guest's name, prefixed with the namespace when the host isolates tenants).
 *
 * @param backend where the bucket lives
 * @param physical the name the backend knows
 * @param name the identifier the guest opened
 */
public record Bucket(KvBackend backend, String physical, String name) {}
