package virga.plugins.blobstore.backend;

/**
 * What a backend knows about one object.
 *
 * @param size bytes
 * @param createdAt seconds since the Unix epoch
 */
public record ObjectStat(long size, long createdAt) {}
