package virga.host.artifact.oci;

/**
 * A content descriptor of a manifest: what a blob is, its digest and its size.
 *
 * @param mediaType the blob's media type
 * @param digest its {@code sha256:<hex>} digest
 * @param size its length in bytes
 */
public record OciDescriptor(String mediaType, String digest, long size) {}
