// Host side of example:sweep/host: echo-X returns its argument (a result-typed one returns the ok payload or
// throws the err payload, the jco convention); spill returns its arguments as a tuple; sixteen sums (wrapping
// u64); sink accepts; source returns a constant.
import { hostInterface, HostErr } from '../hostlog.mjs';
import { parseWitDir } from '../wit.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { camel } from '../wave.mjs';

const IFACE = 'example:sweep/host@0.1.0';
const it = parseWitDir(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'sweep', 'wit')).iface(IFACE);
const impl = {};
for (const f of it.funcs.values()) {
  if (!f.name.startsWith('echo-')) continue;
  impl[camel(f.name)] = f.result.kind === 'result' ? (v) => { if (v.tag === 'err') throw new HostErr(v.val); return v.val; } : (v) => v;
}
impl.spill = (a, b, c) => [a, b, c];
impl.sixteen = (...a) => a.reduce((x, y) => BigInt.asUintN(64, x + y), 0n);
impl.sink = () => {};
impl.source = () => 'from the host ✓';
export const sweepHost = hostInterface(IFACE, impl);
