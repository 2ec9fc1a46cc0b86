import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { libraryCardItems } from './library-card.fixture.ts';
import { loadMetadataDirectory } from './load-files.ts';
import { validateMetadata } from './validate.ts';

describe('loadMetadataDirectory', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kiban-metadata-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function write(file: string, content: string): Promise<void> {
    await mkdir(dirname(join(dir, file)), { recursive: true });
    await writeFile(join(dir, file), content);
  }

  it('reads every item below the directory in path order, skipping package files at the top', async () => {
    for (const item of libraryCardItems()) {
      await write(`${item.kind}s/${item.name}.json`, JSON.stringify(item, null, 2));
    }
    await write('manifest.json', '{"name": "library-card"}');
    await write('package.json', '{"name": "library-card"}');
    await write('.drafts/ignored.json', 'not json');
    await write('README.md', '# not metadata');
    const { items, errors } = await loadMetadataDirectory(dir);
    expect(errors).toEqual([]);
    expect(items.map((loaded) => loaded.file)).toEqual([
      'entitys/Applicant.json',
      'entitys/Application.json',
      'entitys/Branch.json',
      'forms/applicant-registration.json',
      'forms/card-application.json',
      'roles/library-staff.json',
      'roles/resident.json',
      'views/open-applications.json',
    ]);
    expect(validateMetadata(items)).toEqual([]);
  });

  it('reports a file that is not JSON with its line and column', async () => {
    await write('entities/broken.json', '{\n  "kind": "entity",\n  "name": "Broken"\n  "label": {}\n}\n');
    await write('entities/ok.json', '\uFEFF{"kind": "entity"}');
    const { items, errors } = await loadMetadataDirectory(dir);
    expect(items.map((loaded) => loaded.file)).toEqual(['entities/ok.json']);
    expect(errors).toEqual([
      {
        file: 'entities/broken.json',
        pointer: '',
        code: 'file.json',
        message: {
          ja: expect.stringMatching(/^entities\/broken\.json は JSON として読めません（4 行 3 列目）：.+/),
          en: expect.stringMatching(/^entities\/broken\.json is not valid JSON at line 4, column 3: .+/),
        },
      },
    ]);
  });

  it('reports a directory that cannot be read', async () => {
    const { items, errors } = await loadMetadataDirectory(join(dir, 'missing'));
    expect(items).toEqual([]);
    expect(errors).toEqual([expect.objectContaining({ file: '.', pointer: '', code: 'file.read' })]);
  });

  it('lets validation name the file of each problem', async () => {
    await write(
      'views/list.json',
      JSON.stringify({
        kind: 'view',
        name: 'list',
        label: { ja: '一覧' },
        entity: 'Nothing',
        columns: [{ field: 'x' }],
      }),
    );
    const { items } = await loadMetadataDirectory(dir);
    expect(validateMetadata(items)).toEqual([
      expect.objectContaining({ file: 'views/list.json', kind: 'view', name: 'list', code: 'semantic.unknownEntity' }),
    ]);
  });
});
