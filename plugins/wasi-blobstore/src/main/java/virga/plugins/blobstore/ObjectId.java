package virga.plugins.blobstore;

/**
 * WIT record {@code object-id}.
 *
 * @param container the container's name
 * @param object the object's name
 */
public record ObjectId(String container, String object) {}
