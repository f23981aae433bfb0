// Packages with native code a function carries beside its bundle, for the Lambda's own
// platform (Linux, glibc, its architecture), fetched by npm's platform flags (no Docker) once per
// version into .cache/lambda-modules and copied into the asset at bundling.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './deployment-config.ts';

/** The version the project itself installed: the function runs the code the tests ran. */
const installedVersion = (name: string): string =>
  (
    JSON.parse(readFileSync(join(projectRoot, 'node_modules', name, 'package.json'), 'utf8')) as {
      version: string;
    }
  ).version;

/** The folder whose node_modules holds `names` built for Linux on `cpu`. */
export function lambdaNodeModules(names: string[], cpu: 'arm64' | 'x64'): string {
  const specs = names.map((name) => `${name}@${installedVersion(name)}`);
  const dir = join(
    projectRoot,
    '.cache',
    'lambda-modules',
    `linux-${cpu}-${specs.join('+').replace(/[/@]/g, '_')}`,
  );
  if (!names.every((name) => existsSync(join(dir, 'node_modules', name, 'package.json')))) {
    execFileSync(
      'npm',
      [
        'install',
        '--prefix',
        dir,
        '--no-save',
        '--no-package-lock',
        '--no-audit',
        '--no-fund',
        '--os=linux',
        `--cpu=${cpu}`,
        '--libc=glibc',
        ...specs,
      ],
      { stdio: 'ignore' },
    );
  }
  return dir;
}
