// Host side of example:layout/host: mirror returns its argument.
import { hostInterface } from '../hostlog.mjs';
export const layoutHost = hostInterface('example:layout/host@0.1.0', { mirror: (v) => v });
