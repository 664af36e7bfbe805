/** Renders service status as the plain-text table `stack up` and `stack status` print. */
import type { ServiceStatus, UpReport } from './local-stack.ts';

export function formatBytes(bytes: number): string {
  if (bytes <= 0) return '-';
  const mib = bytes / (1024 * 1024);
  return mib >= 1024 ? `${(mib / 1024).toFixed(2)} GiB` : `${mib.toFixed(0)} MiB`;
}

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function renderStatusTable(services: readonly ServiceStatus[]): string {
  const rows = services.map((s) => [
    s.name,
    s.version,
    s.url,
    s.state,
    formatBytes(s.memoryBytes),
    s.startSeconds === undefined ? '' : `${s.startSeconds.toFixed(1)}s`,
  ]);
  const total = services.reduce((sum, s) => sum + s.memoryBytes, 0);
  return `${renderTable(['SERVICE', 'VERSION', 'URL', 'STATE', 'MEMORY', 'STARTED IN'], rows)}\n\nTotal memory (PSS) of the stack: ${formatBytes(total)}`;
}

export function renderUpSummary(report: UpReport): string {
  const cached = report.services.filter((s) => s.provisionSeconds === 0).length;
  return [
    `Provisioning: ${report.provisionSeconds.toFixed(1)}s (${cached}/${report.services.length} services from cache)`,
    `Start to healthy: ${report.startSeconds.toFixed(1)}s`,
    `Total: ${report.totalSeconds.toFixed(1)}s`,
  ].join('\n');
}
