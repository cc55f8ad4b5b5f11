// Host-import logging for oracle host implementations (guests/oracle/hosts/*.js).
// run.mjs installs globalThis.__virgaOracle = { model, emit, ctx } before it imports a transpiled component.
import { fromJs, camel } from './wave.mjs';

const oracle = () => { const o = globalThis.__virgaOracle; if (!o) throw new Error('hostlog: run through guests/oracle/run.mjs'); return o; };
const shortName = (qname) => qname.replace(/@[^/#]*$/, '');

/** Logs `host: ns:pkg/iface#func(args)` with the arguments printed in WAVE using the WIT types. */
export function logCall(ifaceName, funcName, args) {
  const o = oracle();
  const it = o.model.iface(ifaceName);
  if (!it) throw new Error(`hostlog: unknown interface ${ifaceName}`);
  const f = it.funcs.get(funcName);
  if (!f) throw new Error(`hostlog: ${ifaceName} has no function ${funcName}`);
  const text = f.params.map(([, t], k) => fromJs(args[k], t, o.ctx)).join(', ');
  o.emit(`host: ${shortName(it.qualified)}#${funcName}(${text})`);
}

/** Wraps an interface implementation: every freestanding function logs its call; classes pass through. */
export function hostInterface(ifaceName, impl) {
  const out = {};
  for (const [k, v] of Object.entries(impl)) {
    if (typeof v === 'function' && !/^[A-Z]/.test(k)) {
      out[k] = (...args) => {
        const it = oracle().model.iface(ifaceName);
        const f = [...it.funcs.values()].find((x) => x.kind === 'freestanding' && camel(x.name) === k);
        if (!f) throw new Error(`hostlog: ${ifaceName} has no function for ${k}`);
        logCall(ifaceName, f.name, args);
        return v(...args);
      };
    } else out[k] = v;
  }
  return out;
}

/** Throwing this from a host function returning result<T, E> makes jco lower err(payload). */
export class HostErr { constructor(payload) { this.payload = payload; } }

/** Logs `host: func(args)` for a function (or resource member) imported by the world itself. */
export function logWorldCall(funcName, args) {
  const o = oracle();
  const w = o.model.worlds[o.model.worlds.length - 1];
  const f = w.types.funcs.get(funcName)
    ?? w.imports.find((i) => i.kind === 'func' && i.func.name === funcName)?.func;
  if (!f) throw new Error(`hostlog: the world imports no function ${funcName}`);
  const text = f.params.map(([, t], k) => fromJs(args[k], t, o.ctx)).join(', ');
  o.emit(`host: ${funcName}(${text})`);
}
