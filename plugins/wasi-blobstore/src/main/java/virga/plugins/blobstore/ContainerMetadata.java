package virga.plugins.blobstore;

/**
 * WIT record {@code container-metadata}.
 *
 * @param name the container's name
 * @param createdAt seconds since the Unix epoch
 */
public record ContainerMetadata(String name, long createdAt) {}
