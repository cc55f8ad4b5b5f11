package virga.plugins.keyvalue;

import java.util.List;
import java.util.Optional;

/** WIT {@code record key-response { keys: list<string>, cursor: option<u64> }}. */
public record KeyResponse(List<String> keys, Optional<Long> cursor) {}
