import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import type { Principal } from '../../access/index.ts';
import type { DataSelector, PackageOperations } from '../../packages/index.ts';
import type { ApiEnv } from '../env.ts';
import { requireCapability } from '../middleware/require-capability.ts';
import { httpError } from '../problem.ts';
import { readJsonObject } from '../request-body.ts';
import { validateRequest } from '../request-schemas.ts';

/**
 * Metadata packages over HTTP, for the designer: export the published app as a `.tar.gz`,
 * and plan or import an uploaded archive. An archive is read the way the CLI reads one — in
 * memory, every limit checked — from a private temporary file that is removed afterwards.
 */
export function packageRoutes(packages: PackageOperations) {
  const routes = new Hono<ApiEnv>();

  routes.post('/export', requireCapability('metadata.read'), async (c) => {
    const body = validateRequest<{ name: string; version: string; data?: DataSelector[] }>(
      'exportPackage',
      await readJsonObject(c),
    );
    const archive = await inTemporaryDirectory(async (dir) => {
      await packages.export(join(dir, 'package'), body);
      await packages.writeArchive(join(dir, 'package'), join(dir, 'package.tar.gz'));
      return readFile(join(dir, 'package.tar.gz'));
    });
    c.header('Content-Type', 'application/gzip');
    c.header('Content-Disposition', `attachment; filename="${body.name}-${body.version}.tar.gz"`);
    return c.body(new Uint8Array(archive));
  });

  routes.post('/plan', requireCapability('metadata.publish'), async (c) => {
    const pkg = await uploadedPackage(packages, await archiveBytes(c.req.raw));
    return c.json(await packages.plan(pkg));
  });

  routes.post('/import', requireCapability('metadata.publish'), async (c) => {
    const principal = c.var.principal as Principal;
    const pkg = await packages.auditRefusal(principal, async () =>
      uploadedPackage(packages, await archiveBytes(c.req.raw)),
    );
    const result = await packages.import(pkg, {
      allowDestructive: c.req.query('confirmDestructive') === 'true',
      principal,
    });
    return c.json(result);
  });

  routes.get('/history', requireCapability('metadata.read'), async (c) => c.json({ items: await packages.history() }));

  return routes;
}

async function archiveBytes(request: Request): Promise<Uint8Array> {
  if (!/^application\/(?:gzip|x-gzip|octet-stream)\b/i.test(request.headers.get('content-type') ?? '')) {
    throw httpError(415, 'request.mediaType', {
      ja: 'パッケージは application/gzip（.tar.gz）で送ってください。',
      en: 'Send the package as application/gzip (.tar.gz).',
    });
  }
  return new Uint8Array(await request.arrayBuffer());
}

function uploadedPackage(packages: PackageOperations, bytes: Uint8Array) {
  return inTemporaryDirectory(async (dir) => {
    const file = join(dir, 'upload.tar.gz');
    await writeFile(file, bytes, { mode: 0o600 });
    return packages.read(file);
  });
}

async function inTemporaryDirectory<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'kiban-package-'));
  try {
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
