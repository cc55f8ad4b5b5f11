package virga.plugins.blobstore;

/**
 * WIT record {@code object-metadata}.
 *
 * @param name the object's name
 * @param container its container
 * @param createdAt seconds since the Unix epoch
 * @param size bytes
 */
public record ObjectMetadata(String name, String container, long createdAt, long size) {}
