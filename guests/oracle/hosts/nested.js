// Host side of example:nested/host.
import { hostInterface } from '../hostlog.mjs';
export const nestedHost = hostInterface('example:nested/host@0.1.0', { offset: () => 1000 });
