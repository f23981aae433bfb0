// Figures a test reports: written one file per name, printed by the global teardown at the
// end of `npm test` (passing tests' console output is silenced).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIGURES_DIR = join(import.meta.dirname, '..', '.cache', 'figures');

export function reportFigure(name: string, line: string): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(join(FIGURES_DIR, `${name}.txt`), line);
}
