import { tsImport } from 'tsx/esm/api';

export default async function globalTeardown() {
  const { stopServices } = await tsImport('./services.ts', import.meta.url);
  await stopServices();
}
