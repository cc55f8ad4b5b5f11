package virga.component.runtime;

import virga.component.binary.CanonOptions;
import virga.component.core.CoreFunction;
import virga.component.core.CoreMemory;

/**
 * The canonical options of a lift or lower with their indices resolved to the core items of the
 * instance: what the ABI needs to read and write the guest's memory.
 *
 * @param stringEncoding how strings are laid out in {@code memory}
 * @param memory the guest memory, or null when the function passes nothing through memory
 * @param realloc the guest's {@code cabi_realloc}, or null
 * @param postReturn the post-return function (lift only), or null
 */
public record LoweringOptions(
    CanonOptions.StringEncoding stringEncoding,
    CoreMemory memory,
    CoreFunction realloc,
    CoreFunction postReturn) {}
