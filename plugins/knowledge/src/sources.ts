import type { RecordData } from '@kiban/sdk';
import type { SearchDocument } from './search/index.ts';
import { itemFields } from './sorting/item-fields.ts';
import type { Classification } from './visibility.ts';

export type PassageKind = 'faq' | 'benefit' | 'article' | 'sorting';

/** What a hit carries back: enough to show it, cite it and filter it without another read. */
export interface PassageMeta {
  kind: PassageKind;
  entity: string;
  recordId: string;
  classification: Classification;
  /** The owner department: its staff also find its confidential passages. */
  department?: string;
  title: string;
  text: string;
  url?: string;
  city?: string;
  name?: string;
  category?: string;
  source?: string;
  section?: string;
  page?: number;
}

/** The entities the search indexes, and the kind of passage each gives. */
export const SOURCE_ENTITIES: Record<string, PassageKind> = {
  KnowledgeFaq: 'faq',
  Benefit: 'benefit',
  KnowledgeArticle: 'article',
  SortingItem: 'sorting',
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function classificationOf(record: RecordData): Classification {
  const value = record.classification;
  return value === 'public' || value === 'staff' || value === 'confidential' ? value : 'confidential';
}

/** The search document of a record, or null when it is not to be found (a draft, archived). */
export function documentOf(entity: string, record: RecordData): SearchDocument<PassageMeta> | null {
  const kind = SOURCE_ENTITIES[entity];
  if (!kind) return null;
  const id = `${entity}:${record.id}`;
  const base = { entity, recordId: String(record.id) };
  if (kind === 'sorting') {
    const synonyms = text(record.synonyms)
      .split(/[,、，\s]+/u)
      .filter(Boolean);
    const item = { name: text(record.name), synonyms, notes: text(record.notes), reading: text(record.reading) };
    return {
      id,
      fields: itemFields(item),
      meta: {
        ...base,
        kind,
        classification: 'public',
        title: item.name,
        text: item.notes,
        city: text(record.city),
        name: item.name,
        category: text(record.category),
      },
    };
  }
  // A revision is never searched: the version it revises stays the one residents find.
  if (record.status !== 'published' || record.revisionOf) return null;
  const classification = classificationOf(record);
  const department = text(record.ownerDepartment) || undefined;
  if (kind === 'faq') {
    return {
      id,
      fields: {
        title: text(record.question),
        body: text(record.answer),
        keywords: text(record.category).replaceAll('/', ' '),
      },
      meta: {
        ...base,
        kind,
        classification,
        department,
        title: text(record.question),
        text: text(record.answer),
        url: text(record.url) || undefined,
        category: text(record.category),
      },
    };
  }
  if (kind === 'benefit') {
    const body = [record.summary, record.target, record.amount, record.howToApply, record.contactDepartment]
      .map(text)
      .filter(Boolean)
      .join('\n');
    return {
      id,
      fields: { title: text(record.name), body, keywords: text(record.target) },
      meta: { ...base, kind, classification, department, title: text(record.name), text: body },
    };
  }
  return {
    id,
    fields: { title: [record.title, record.section].map(text).filter(Boolean).join(' '), body: text(record.body) },
    meta: {
      ...base,
      kind,
      classification,
      department,
      title: text(record.title),
      text: text(record.body),
      source: text(record.source) || undefined,
      section: text(record.section) || undefined,
      page: typeof record.page === 'number' ? record.page : undefined,
    },
  };
}
