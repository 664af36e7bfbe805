/**
 * The platform's own processes on this machine: the outbox relay, the stream processors, the
 * sinks, the REST API and a light load through it, run in the background beside the local stack
 * (stack/) by `eshop up` and stopped by `eshop down`.
 */
export { findExampleItem } from './example-item.ts';
export {
  LocalPlatform,
  type LocalPlatformOptions,
  type PlatformDownReport,
  type PlatformProcessState,
  type PlatformProcessStatus,
  type PlatformUpReport,
} from './local-platform.ts';
export {
  API,
  FIRST_METRICS_PORT,
  LOAD,
  OUTBOX_RELAY,
  platformProcesses,
  processorNames,
  sinkNames,
  type LoadSettings,
  type PlatformLayout,
  type PlatformProcess,
  type PlatformProcessKind,
} from './processes.ts';
export { renderPlatformTable } from './status-table.ts';
export { whereToLook, type WhereToLookInput } from './where-to-look.ts';
