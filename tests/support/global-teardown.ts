import type { HostProcess } from './processes';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { talentiHost?: HostProcess }).talentiHost?.stop();
}
