// wasi:config/store for the node oracle of tcp-echo: TCP_ECHO_<KEY> environment variables.
const key = (k) => 'TCP_ECHO_' + k.toUpperCase();
export const config = {
  get(k) { return process.env[key(k)]; },
  getAll() {
    return Object.entries(process.env).filter(([k]) => k.startsWith('TCP_ECHO_'))
      .map(([k, v]) => [k.slice(9).toLowerCase(), v]);
  },
};
