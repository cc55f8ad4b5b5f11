// Host side of example:empty-import/host: double(x) = 2x (wrapping u32), greet(name) = `hello, ${name}`.
import { hostInterface } from '../hostlog.mjs';
export const emptyImportHost = hostInterface('example:empty-import/host@0.1.0', {
  double: (x) => (x * 2) >>> 0,
  greet: (name) => `hello, ${name}`,
});
