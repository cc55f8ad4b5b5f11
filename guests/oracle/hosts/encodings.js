// Host side of example:encodings/host: transform(s) reverses s by code points.
import { hostInterface } from '../hostlog.mjs';
export const encodingsHost = hostInterface('example:encodings/host@0.1.0', {
  transform: (s) => [...s].reverse().join(''),
});
