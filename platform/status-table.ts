/** The platform's processes as the plain-text table `eshop up` and `eshop status` print. */
import { formatBytes, renderTable } from '../stack/status-table.ts';
import type { PlatformProcessStatus } from './local-platform.ts';

export function renderPlatformTable(processes: readonly PlatformProcessStatus[]): string {
  const rows = processes.map((p) => [
    p.name,
    p.state,
    p.pid === undefined ? '' : String(p.pid),
    formatBytes(p.memoryBytes),
    p.metricsUrl ?? '',
    p.readySeconds === undefined ? '' : `${p.readySeconds.toFixed(1)}s`,
  ]);
  const total = processes.reduce((sum, p) => sum + p.memoryBytes, 0);
  return (
    `${renderTable(['PROCESS', 'STATE', 'PID', 'MEMORY', 'METRICS', 'READY IN'], rows)}\n\n` +
    `Total memory (PSS) of the platform's processes: ${formatBytes(total)}`
  );
}
