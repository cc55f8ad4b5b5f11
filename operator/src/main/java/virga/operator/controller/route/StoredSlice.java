package virga.operator.controller.route;

/**
 * A managed EndpointSlice as the server has it: what it says, in {@link SliceSpec} terms (endpoints
 * not ready are left out, so such a slice differs from any desired one and is rewritten), and the
 * resourceVersion to replace it at.
 */
public record StoredSlice(SliceSpec content, String resourceVersion) {}
