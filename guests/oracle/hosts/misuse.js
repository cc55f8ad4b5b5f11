// misuse imports example:resources/host: the same host as the resources fixture.
export { resourcesHost } from './resources.js';
