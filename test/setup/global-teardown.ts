/** jest globalTeardown: stops what global-setup.ts started and removes its temp directories. */
import type { Services } from '../../scripts/lib/services';

export default async function globalTeardown(): Promise<void> {
  const g = globalThis as { __SAMFLYT_SERVICES__?: Services };
  const services = g.__SAMFLYT_SERVICES__;
  g.__SAMFLYT_SERVICES__ = undefined;
  await services?.stop();
}
