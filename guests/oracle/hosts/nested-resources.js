// nested-resources nests the resources component: the same host interface, the same host.
export { resourcesHost } from './resources.js';
