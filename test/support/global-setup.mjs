// Jest loads globalSetup outside its ESM transform: load the TypeScript services with tsx.
import { tsImport } from 'tsx/esm/api';

export default async function globalSetup() {
  const { startServices } = await tsImport('./services.ts', import.meta.url);
  await startServices();
}
