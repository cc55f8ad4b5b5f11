package virga.plugins.blobstore;

/** The {@code container} resource: a name the guest opened or created. */
public record Container(String name) {}
