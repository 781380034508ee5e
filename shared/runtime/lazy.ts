/**
 * A value built the first time it is asked for, then kept. Cold start (docs/performance.md): a Functions instance
 * loads the entry point before its first request, so the Azure SDKs and clients that only some functions use are
 * loaded and built by the first request that needs them, not at import.
 */
export function lazy<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => (built ??= { value: build() }).value;
}
