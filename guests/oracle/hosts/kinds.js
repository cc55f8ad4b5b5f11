// Host side of example:kinds/host: every function returns its argument (identity), so the transcript shows
// each value surviving export-lift -> import-lower -> import-lift -> export-lower unchanged.
import { hostInterface, HostErr } from '../hostlog.mjs';

const id = (v) => v;
// result<..> host functions return the ok payload or throw the err payload (jco convention)
const res = (v) => { if (v.tag === 'err') throw new HostErr(v.val); return v.val; };
export const kindsHost = hostInterface('example:kinds/host@0.1.0', {
  echoBool: id, echoS8: id, echoU8: id, echoS16: id, echoU16: id, echoS32: id, echoU32: id, echoS64: id, echoU64: id,
  echoF32: id, echoF64: id, echoChar: id, echoString: id, echoListU8: id, echoListString: id, echoListPoint: id,
  echoPoint: id, echoPerson: id, echoTuple: id, echoShape: id, echoColor: id, echoOptionU32: id, echoOptionOption: id,
  echoOptionString: id, echoResult: res, echoResultOk: res, echoResultErr: res, echoResultBoth: res,
  echoSmallFlags: id, echoBigFlags: id,
  sum17: (...a) => a.reduce((x, y) => (x + y) >>> 0, 0),
  mixed: (a, b, c, d, e, f, g) => [c * 2n, e + d, f, !g],
});
