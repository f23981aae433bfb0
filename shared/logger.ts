// Structured JSON logs, one line per entry. Personal data never goes in: callers log ids
// and codes only, and any field named like personal data is masked as a second guard.
const PERSONAL = /^(phone|idNumber|name|address|petitioner|representatives|verifier)$/i;

function redact(value: unknown, depth = 0): unknown {
  if (depth > 5 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([k, v]) => [
      k,
      PERSONAL.test(k) ? '[redacted]' : redact(v, depth + 1),
    ]),
  );
}

const LEVELS = ['info', 'warn', 'error', 'silent'] as const;
type Level = Exclude<(typeof LEVELS)[number], 'silent'>;

/** LOG_LEVEL: info (default), warn, error or silent (the benchmark). */
const threshold = LEVELS.indexOf((process.env.LOG_LEVEL ?? 'info') as Level);
if (threshold < 0)
  throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(', ')}, got "${process.env.LOG_LEVEL}"`);

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (LEVELS.indexOf(level) < threshold) return;
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    message,
    ...(redact(fields) as object),
  });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

export const logger = {
  /** A CloudWatch metric in embedded metric format: one log line, no API call. */
  metric(
    metric: { namespace: string; name: string },
    value: number,
    dimensions: Record<string, string>,
  ): void {
    if (LEVELS.indexOf('info') < threshold) return;
    console.log(
      JSON.stringify({
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [
            {
              Namespace: metric.namespace,
              Dimensions: [Object.keys(dimensions)],
              Metrics: [{ Name: metric.name, Unit: 'Count' }],
            },
          ],
        },
        ...dimensions,
        [metric.name]: value,
      }),
    );
  },
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};

/** An error's name, message and stack for the logs: never sent to a client. */
export function errorFields(error: unknown): Record<string, unknown> {
  return error instanceof Error
    ? { errorName: error.name, errorMessage: error.message, stack: error.stack }
    : { errorMessage: String(error) };
}
