import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectProblem } from '../api/api-test-support.ts';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { download, exeBytes, FILES_APP, fileTraces, pdfBytes, pngBytes, uploadFile } from './files-test-support.ts';
import { FsFileStore } from './fs-store.ts';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(testDatabaseKinds())('files of records on %s', (kind) => {
  let host: TestEngine;
  let alice: TestClient;
  let bob: TestClient;
  let clerk: TestClient;

  beforeAll(async () => {
    host = await startTestEngine(kind, [FILES_APP]);
    alice = await host.principal('resident', 'alice', ['applicant']);
    bob = await host.principal('resident', 'bob', ['applicant']);
    clerk = await host.principal('staff', 'clerk', ['clerk']);
  });
  afterAll(() => host.close());
  afterEach(() => vi.useRealTimers());

  const newPermit = async (client: TestClient = alice) => {
    const created = await client.request('POST', '/api/data/Permit', { body: { title: '道路使用許可' } });
    expect(created.status).toBe(201);
    return created.body.id as string;
  };
  const filePath = (id: string, field = 'document') => `/api/data/Permit/${id}/files/${field}`;

  it('stores an upload with its detected type and SHA-256, and gives the same bytes back to its owner', async () => {
    const id = await newPermit();
    const bytes = pdfBytes(4000);
    const uploaded = await uploadFile(host, alice, filePath(id), bytes, '申請書.pdf', { 'content-type': 'image/png' });
    expect(uploaded.status).toBe(201);
    const file = await uploaded.json();
    expect(file).toEqual({
      id: expect.any(String),
      name: '申請書.pdf',
      contentType: 'application/pdf',
      size: 4000,
      sha256: sha256(bytes),
    });
    expect((await alice.request('GET', `/api/data/Permit/${id}`)).body.document).toEqual(file);

    const got = await download(host, alice, filePath(id));
    expect(got.status).toBe(200);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('repr-digest')).toBe(`sha-256=:${Buffer.from(sha256(bytes), 'hex').toString('base64')}:`);
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('申請書.pdf')}`,
    );
    expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes);
  });

  it('answers 404 to another resident, for download, signed URL and upload alike', async () => {
    const id = await newPermit();
    expect((await uploadFile(host, alice, filePath(id), pdfBytes(), 'a.pdf')).status).toBe(201);
    const before = await fileTraces(host);
    expect((await download(host, bob, filePath(id))).status).toBe(404);
    expect((await bob.request('POST', `${filePath(id)}/url`)).status).toBe(404);
    const refused = await uploadFile(host, bob, filePath(id), pdfBytes(), 'b.pdf');
    expect(refused.status).toBe(404);
    expect(await fileTraces(host)).toEqual(before);
  });

  it('gives no access to a file in a hidden field, and refuses uploads to a read-only one', async () => {
    const id = await newPermit();
    expect((await uploadFile(host, alice, filePath(id), pdfBytes(), 'a.pdf')).status).toBe(201);
    expect((await clerk.request('GET', `/api/data/Permit/${id}`)).body).not.toHaveProperty('document');
    const hidden = await download(host, clerk, filePath(id));
    expect(hidden.status).toBe(404);
    expect((await clerk.request('POST', `${filePath(id)}/url`)).status).toBe(404);
    const readOnly = await uploadFile(host, clerk, filePath(id, 'photo'), pngBytes(), 'p.png');
    expect(readOnly.status).toBe(403);
    expect((await readOnly.json()).code).toBe('access.fieldReadOnly');
  });

  it.each([
    ['a program renamed to .pdf', exeBytes(), 'invoice.pdf'],
    ['an HTML page renamed to .pdf', new TextEncoder().encode('<!doctype html><script>alert(1)</script>'), 'a.pdf'],
    [
      'a PNG where the field takes only PDF and PNG… but a GIF',
      new TextEncoder().encode('GIF89a\x01\x00\x01\x00'),
      'a.png',
    ],
  ])('refuses %s by its content (415) and keeps nothing', async (_label, bytes, name) => {
    const id = await newPermit();
    const before = await fileTraces(host);
    const refused = await uploadFile(host, alice, filePath(id), bytes, name, { 'content-type': 'application/pdf' });
    expect(refused.status).toBe(415);
    expect((await refused.json()).code).toBe('file.typeRefused');
    expect(await fileTraces(host)).toEqual(before);
    expect((await alice.request('GET', `/api/data/Permit/${id}`)).body.document).toBeNull();
  });

  it('refuses a file over the field’s maxSize (413) and keeps nothing, announced or not', async () => {
    const id = await newPermit();
    const before = await fileTraces(host);
    const big = pdfBytes(65537);
    const announced = await uploadFile(host, alice, filePath(id), big, 'big.pdf', { 'content-length': '65537' });
    expect(announced.status).toBe(413);
    const streamed = await uploadFile(
      host,
      alice,
      filePath(id),
      streamOf([big.subarray(0, 40000), big.subarray(40000)]),
      'big.pdf',
    );
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).code).toBe('file.tooLarge');
    expect(await fileTraces(host)).toEqual(before);
    expect((await uploadFile(host, alice, filePath(id), pdfBytes(65536), 'max.pdf')).status).toBe(201);
  });

  it('leaves no file and no row when an upload is cut off half way', async () => {
    const id = await newPermit();
    const before = await fileTraces(host);
    const bytes = pdfBytes(30000);
    let pulls = 0;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls += 1;
        if (pulls === 1) controller.enqueue(bytes.subarray(0, 15000));
        else controller.error(new Error('connection reset'));
      },
    });
    const cut = await uploadFile(host, alice, filePath(id), broken, 'cut.pdf');
    expect(cut.status).toBe(400);
    expect((await cut.json()).code).toBe('file.uploadIncomplete');
    const short = await uploadFile(host, alice, filePath(id), bytes.subarray(0, 15000), 'short.pdf', {
      'content-length': '30000',
    });
    expect(short.status).toBe(400);
    expect(await fileTraces(host)).toEqual(before);
    expect((await alice.request('GET', `/api/data/Permit/${id}`)).body.document).toBeNull();
  });

  it('lets a resident who may create but not change records attach once, to an empty field of their own record', async () => {
    const carol = await host.principal('resident', 'carol', ['submitter']);
    const id = await newPermit(carol);
    expect((await uploadFile(host, carol, filePath(id), pdfBytes(), 'a.pdf')).status).toBe(201);
    const before = await fileTraces(host);
    const again = await uploadFile(host, carol, filePath(id), pdfBytes(), 'b.pdf');
    expect(again.status).toBe(403);
    expect((await again.json()).code).toBe('access.denied');
    expect((await carol.request('DELETE', filePath(id))).status).toBe(403);
    expect((await uploadFile(host, carol, filePath(await newPermit()), pdfBytes(), 'c.pdf')).status).toBe(404);
    expect(await fileTraces(host)).toEqual(before);
    expect((await download(host, carol, filePath(id))).status).toBe(200);
  });

  it('refuses a file field in a create or update body: only an upload sets it', async () => {
    const forged = { id: '00000000-0000-4000-8000-000000000000' };
    const created = await alice.request('POST', '/api/data/Permit', { body: { title: 'x', document: forged } });
    expect(created.status).toBe(422);
    const id = await newPermit();
    const updated = await alice.request('PATCH', `/api/data/Permit/${id}`, {
      body: { document: forged },
      headers: { 'if-match': '"1"' },
    });
    expect(updated.status).toBe(422);
    expect((await alice.request('GET', `/api/data/Permit/${id}`)).body.document).toBeNull();
  });

  it('removes a file from its field on request, and its bytes with the next sweep', async () => {
    const id = await newPermit();
    const file = await (await uploadFile(host, alice, filePath(id), pdfBytes(), 'a.pdf')).json();
    expect((await bob.request('DELETE', filePath(id))).status).toBe(404);
    expect((await alice.request('DELETE', filePath(id))).status).toBe(204);
    expect((await alice.request('GET', `/api/data/Permit/${id}`)).body.document).toBeNull();
    expect((await download(host, alice, filePath(id))).status).toBe(404);
    await host.engine.files.sweep();
    expect((await fileTraces(host)).objects).not.toContain(file.id);
  });

  it('hands out signed URLs that work without a session until they expire, and never when tampered with', async () => {
    const id = await newPermit();
    const bytes = pdfBytes(2000);
    expect((await uploadFile(host, alice, filePath(id), bytes, 'a.pdf')).status).toBe(201);
    vi.useFakeTimers({ toFake: ['Date'] });
    const signed = await alice.request('POST', `${filePath(id)}/url`);
    expect(signed.status).toBe(200);
    const { url } = signed.body as { url: string };
    const fetched = await download(host, undefined, url);
    expect(fetched.status).toBe(200);
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(bytes);

    const tampered = url.replace(/signature=(.)/, (_all, first) => `signature=${first === 'A' ? 'B' : 'A'}`);
    expectProblem(await problemOf(download(host, undefined, tampered)), 403, 'file.signatureInvalid');
    const extended = url.replace(/expires=(\d+)/, (_all, expires) => `expires=${Number(expires) + 3600}`);
    expect((await download(host, undefined, extended)).status).toBe(403);

    vi.setSystemTime(Date.now() + 301_000);
    expect((await download(host, undefined, url)).status).toBe(403);
  });

  it('deletes a record’s files with the record, and a replaced file once it is replaced', async () => {
    const id = await newPermit();
    const first = await (await uploadFile(host, alice, filePath(id), pdfBytes(), 'a.pdf')).json();
    const second = await (await uploadFile(host, alice, filePath(id), pngBytes(), 'b.png')).json();
    await host.engine.files.sweep();
    let traces = await fileTraces(host);
    expect(traces.objects).toContain(second.id);
    expect(traces.objects).not.toContain(first.id);
    const { url } = (await alice.request('POST', `${filePath(id)}/url`)).body as { url: string };

    expect((await alice.request('DELETE', `/api/data/Permit/${id}`)).status).toBe(204);
    await host.engine.files.sweep();
    traces = await fileTraces(host);
    expect(traces.objects).not.toContain(second.id);
    const [row] = await host.engine
      .live()
      .sql()
      .query<{ n: number }>('select count(*)::int as n from kiban_file where record_id = ?', [id]);
    expect(row.n).toBe(0);
    expect((await download(host, undefined, url)).status).toBe(404);
  });

  it('sweeps the bytes of an upload an engine stopped half way (a pending row older than an hour)', async () => {
    const id = await newPermit();
    const orphan = '11111111-1111-4111-8111-111111111111';
    const sql = host.engine.live().sql();
    await sql.run(
      `insert into kiban_file (id, entity, record_id, field, name, content_type, size, sha256, changed_at)
       values (?, 'Permit', ?, 'document', 'x.pdf', 'application/pdf', 3, ?, now() - interval '2 hours')`,
      [orphan, id, 'b'.repeat(64)],
    );
    const store = new FsFileStore(join(host.engine.config.dataDir, 'files'));
    await store.put(orphan, Readable.from([Buffer.from('abc')]));
    const fresh = '22222222-2222-4222-8222-222222222222';
    await sql.run(
      `insert into kiban_file (id, entity, record_id, field, name, content_type, size, sha256)
       values (?, 'Permit', ?, 'document', 'y.pdf', 'application/pdf', 3, ?)`,
      [fresh, id, 'c'.repeat(64)],
    );
    await host.engine.files.sweep();
    expect(await store.stat(orphan)).toBeNull();
    const left = await sql.query<{ id: string }>('select id from kiban_file where id in (?, ?)', [orphan, fresh]);
    // An upload still in progress keeps its row until it commits or fails.
    expect(left).toEqual([{ id: fresh }]);
    await sql.run('delete from kiban_file where id = ?', [fresh]);
  });

  it('describes file fields in the OpenAPI document: in the record, not in create or update', async () => {
    const { body } = await alice.request('GET', '/api/openapi.json');
    const { Permit, PermitCreate, PermitUpdate } = body.components.schemas;
    expect(Permit.properties.document).toMatchObject({
      type: ['object', 'null'],
      required: ['id', 'name', 'contentType', 'size', 'sha256'],
    });
    expect(PermitCreate.properties).not.toHaveProperty('document');
    expect(PermitUpdate.properties).not.toHaveProperty('photo');
    const upload = body.paths['/api/data/Permit/{id}/files/document'].post;
    expect(upload.summary).toContain('65536 bytes of application/pdf, image/png');
    expect(Object.keys(upload.responses)).toEqual(['201', '400', '403', '404', '413', '415']);
    expect(body.paths['/api/data/Permit/{id}/files/photo/url'].post.operationId).toBe('signPermitPhoto');
    expect(body.paths['/api/files/{fileId}'].get.security).toEqual([]);
    const validation = await new Validator().validate(body);
    expect(validation.errors ?? []).toEqual([]);
  });
});

function streamOf(chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(chunk);
      controller.close();
    },
  });
}

async function problemOf(pending: Promise<Response>) {
  const response = await pending;
  return { status: response.status, headers: response.headers, body: await response.json() };
}
