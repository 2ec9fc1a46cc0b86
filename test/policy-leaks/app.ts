/**
 * A small app whose policies hide things in every way a rule could reach them: fields hidden
 * from a role, rows of another ward, a referenced household and counted cars under their own
 * row policies. Two ward clerks share a task role, so the inbox has tasks on both wards.
 */
const label = (en: string) => ({ ja: en, en });
const text = (name: string, extra: object = {}) => ({ name, type: 'string', label: label(name), ...extra });

/** Each transition of the workflow, by name, with the rule guarding it. */
export const GUARDED = {
  richHousehold: 'rich-household',
  hiddenNotes: 'hidden-notes',
  adult: 'adult',
  noCars: 'no-cars',
  kitaHousehold: 'kita-household',
};

export const RESIDENT_STATES = ['open', 'checked'] as const;

export const app = [
  {
    kind: 'entity',
    name: 'Household',
    label: label('Household'),
    fields: [
      text('ward', { required: true }),
      { name: 'income', type: 'integer', label: label('income'), classification: 'sensitive' },
    ],
  },
  {
    kind: 'entity',
    name: 'Person',
    label: label('Person'),
    titleField: 'ward',
    fields: [
      text('ward', { required: true }),
      text('name', { classification: 'personal' }),
      text('notes'),
      { name: 'birthDate', type: 'date', label: label('birthDate'), classification: 'personal' },
      { name: 'household', type: 'reference', target: 'Household', label: label('household') },
      { name: 'cars', type: 'collection', target: 'Car', inverse: 'person', label: label('cars') },
      {
        name: 'status',
        type: 'enum',
        label: label('status'),
        default: 'open',
        values: RESIDENT_STATES.map((value) => ({ value, label: label(value) })),
      },
    ],
  },
  {
    kind: 'entity',
    name: 'Car',
    label: label('Car'),
    fields: [
      text('ward', { required: true }),
      { name: 'person', type: 'reference', target: 'Person', label: label('person') },
    ],
  },
  wardClerk('kita'),
  wardClerk('minami'),
  {
    kind: 'role',
    name: 'ward-desk',
    label: label('Ward desk'),
    audience: 'staff',
    permissions: [],
  },
  {
    kind: 'role',
    name: 'citizen',
    label: label('Citizen'),
    audience: 'resident',
    permissions: [
      { entity: 'Household', actions: ['create', 'read'], where: { owner: { eq: '$user' } } },
      {
        entity: 'Person',
        actions: ['create', 'read', 'update'],
        where: { owner: { eq: '$user' } },
        fields: { notes: 'hidden' },
      },
      { entity: 'Car', actions: ['create', 'read'], where: { owner: { eq: '$user' } } },
    ],
  },
  {
    kind: 'workflow',
    name: 'person-check',
    label: label('Person check'),
    entity: 'Person',
    stateField: 'status',
    initial: 'open',
    states: [
      { name: 'open', label: label('open'), task: { label: label('Check'), assignTo: { role: 'ward-desk' } } },
      { name: 'checked', label: label('checked'), final: true },
    ],
    transitions: [
      // One transition per fact kind, each guarded by a rule that reads what a clerk may not see.
      ...Object.entries(GUARDED).map(([name, guard]) => ({
        name,
        label: label(name),
        from: ['open'],
        to: 'checked',
        guard,
      })),
    ],
  },
  rule('rich-household', { fact: 'household.income', op: 'gt', value: 100 }),
  rule('hidden-notes', { fact: 'notes', op: 'contains', value: 'secret' }),
  rule('adult', { fact: 'age', of: 'birthDate', op: 'gte', value: 18 }),
  rule('no-cars', { fact: 'count', of: 'cars', op: 'eq', value: 0 }),
  rule('kita-household', { fact: 'household.ward', op: 'eq', value: 'kita' }),
];

/** A ward's clerk reads and updates that ward's rows only, and never sees notes, birth dates or incomes. */
function wardClerk(ward: string) {
  const where = { ward: { eq: ward } };
  return {
    kind: 'role',
    name: `${ward}-clerk`,
    label: label(`${ward} clerk`),
    audience: 'staff',
    capabilities: ['metadata.publish'],
    permissions: [
      { entity: 'Household', actions: ['create', 'read'], where, fields: { income: 'hidden' } },
      {
        entity: 'Person',
        actions: ['create', 'read', 'update'],
        where,
        fields: { notes: 'hidden', birthDate: 'hidden' },
      },
      { entity: 'Car', actions: ['create', 'read'], where },
    ],
  };
}

export function rule(name: string, condition: object) {
  return { kind: 'rule', name, label: label(name), entity: 'Person', condition };
}
