// Host side of example:reenter/host: callback(depth) calls back into the same instance's api.enter(depth - 1).
import { hostInterface } from '../hostlog.mjs';
export const reenterHost = hostInterface('example:reenter/host@0.1.0', {
  callback: (depth) => globalThis.__virgaOracle.call('example:reenter/api#enter', depth - 1),
});
