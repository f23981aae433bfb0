// The files' and the scanner's configuration slices, checked at cold start.
import { expect, it } from 'vitest';
import { ConfigError, filesConfig, scannerConfig } from '../../shared/config.ts';

it('needs the bucket; a local server only where one is named', () => {
  expect(filesConfig({ FILES_BUCKET: 'files-1' })).toEqual({ FILES_BUCKET: 'files-1' });
  expect(() => filesConfig({})).toThrow(ConfigError);
  expect(() => filesConfig({ FILES_BUCKET: 'f', FILES_ENDPOINT: 'not a url' })).toThrow(/FILES_ENDPOINT/);
});

it('scans with clamd at host:port, and allows the test-signature stand-in only beside a local files server', () => {
  expect(scannerConfig({ MALWARE_SCANNER: 'clamd', CLAMD_ADDRESS: 'clamd.internal:3310' })).toMatchObject({
    MALWARE_SCANNER: 'clamd',
  });
  expect(() => scannerConfig({ MALWARE_SCANNER: 'clamd' })).toThrow(/CLAMD_ADDRESS/);
  expect(() => scannerConfig({ MALWARE_SCANNER: 'test-signature' })).toThrow(/local stack only/);
  expect(() => scannerConfig({})).toThrow(ConfigError);
  expect(
    scannerConfig({ MALWARE_SCANNER: 'test-signature', FILES_ENDPOINT: 'http://127.0.0.1:4569' }),
  ).toMatchObject({ MALWARE_SCANNER: 'test-signature' });
});
