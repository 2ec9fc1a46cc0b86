import { fileURLToPath } from 'node:url';
import type { PluginUi } from '@kiban/sdk';
import { ENTITY } from './entities.ts';

/**
 * The staff pages and the panel under resident profiles, drawn by the Lit elements of
 * `ui-src/` (bundled into `build/ui/` by `npm run build -w @kiban/plugin-crm`). The capability
 * gates are only the menu's: every route and action checks the role again on the server.
 */
export const staffUi: PluginUi = {
  dir: fileURLToPath(new URL('../build/ui', import.meta.url)),
  entry: 'index.js',
  staffPages: [
    { name: 'cases', label: { ja: '相談・問い合わせの受付と対応', en: 'Case desk' }, tag: 'crm-cases', menuOrder: 10 },
    {
      name: 'resident',
      label: { ja: '住民 360 度ビュー', en: 'Resident 360' },
      tag: 'crm-resident-360',
      menuOrder: 20,
    },
    { name: 'board', label: { ja: '管理者ビュー', en: "Manager's view" }, tag: 'crm-board', menuOrder: 30 },
  ],
  recordPanels: [
    {
      name: 'resident-cases',
      label: { ja: 'この住民の相談・問い合わせ', en: 'Cases of this resident' },
      tag: 'crm-resident-cases',
      entities: [ENTITY.profile],
    },
    {
      name: 'resident-household',
      label: { ja: '世帯（家族のつながり）', en: 'Household (family links)' },
      tag: 'crm-resident-household',
      entities: [ENTITY.profile],
    },
  ],
};
