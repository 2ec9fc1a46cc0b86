import { preparePgliteTemplate } from '../engine/src/testing/index.ts';

export default async function setup(): Promise<void> {
  await preparePgliteTemplate();
}
