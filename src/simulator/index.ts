export { DEMO_MODELS } from './models.js';
export { startSimulator } from './server.js';
export type { Simulator, SimulatorOptions, SimulatorProtocol, SimulatorRecord } from './types.js';
