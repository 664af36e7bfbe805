/** `eshop config`: every setting, its environment variable, value and meaning. */
import type { Command } from 'commander';
import { loadConfig } from '../../core/config/index.ts';
import { renderTable } from '../../stack/status-table.ts';

export function registerConfigCommand(program: Command): void {
  program
    .command('config')
    .description('List every setting: environment variable, current value, default, meaning')
    .option('--markdown', 'print a Markdown table (used for the README)')
    .action(function showConfig(options: { markdown?: boolean }) {
      const { settings } = loadConfig();
      const rows = settings.map((s) => [s.env, s.secret && s.value !== '' ? '<hidden>' : s.value, s.doc]);
      if (options.markdown) {
        console.log('| variable | default | meaning |\n| --- | --- | --- |');
        for (const s of settings) console.log(`| \`${s.env}\` | \`${s.default}\` | ${s.doc} |`);
      } else console.log(renderTable(['VARIABLE', 'VALUE', 'MEANING'], rows));
    });
}
