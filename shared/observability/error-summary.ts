/**
 * What a log line may say about a failure: its kind, its code and where it was thrown, never its message. Messages
 * carry data (Azure SQL's duplicate-key error quotes the key, e.g. an email; a parser quotes its input), and logs
 * must hold no personal data (docs/privacy.md).
 */
export function errorSummary(error: unknown): string {
  if (!(error instanceof Error)) return typeof error;
  const code = (error as { code?: unknown }).code;
  const frames = (error.stack ?? '')
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .slice(0, 5)
    .map((line) => line.trim());
  return [`${error.name}${typeof code === 'string' || typeof code === 'number' ? ` (${code})` : ''}`, ...frames].join(' | ');
}
