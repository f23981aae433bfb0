// Runs before `npm test`: the browser tests need Debian's Chromium, and their screenshots a
// font with Chinese characters. Installs what is missing when this machine can (root with
// apt-get); otherwise says what to install (a missing font only warns: screenshots show boxes).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';
const missing = [
  ...(existsSync(path) ? [] : ['chromium']),
  ...(existsSync(FONT) ? [] : ['fonts-wqy-microhei']),
];
const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
if (missing.length && canInstall) {
  console.log(`Installing for the browser tests: apt-get install ${missing.join(' ')}...`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...missing], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
} else if (missing.includes('chromium')) {
  console.error(
    `The browser tests need Chromium at ${path}: install Debian's chromium package, or set CHROMIUM_PATH.`,
  );
  process.exit(1);
} else if (missing.length) {
  console.warn(
    'No Chinese font (Debian package fonts-wqy-microhei): screenshots will show boxes for Chinese.',
  );
}
