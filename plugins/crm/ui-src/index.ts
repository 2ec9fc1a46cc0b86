/**
 * The CRM's staff pages (Lit, bundled by `scripts/build-ui.ts` into `build/ui/index.js`): the
 * case list with quick intake and case detail, the resident 360, the manager's view, and the
 * panels of a resident's cases and household under resident profiles.
 */
import { CaseBoard } from './board.ts';
import { CaseDetail } from './case-detail.ts';
import { CaseList } from './case-list.ts';
import { Duplicates } from './duplicates.ts';
import { QuickCase } from './quick-case.ts';
import { Resident360 } from './resident-360.ts';
import { ResidentCasesPanel } from './resident-cases-panel.ts';
import { ResidentHouseholdPanel } from './resident-household-panel.ts';
import { SavedFilters } from './saved-filters.ts';

customElements.define('crm-quick-case', QuickCase);
customElements.define('crm-case-detail', CaseDetail);
customElements.define('crm-cases', CaseList);
customElements.define('crm-saved-filters', SavedFilters);
customElements.define('crm-resident-360', Resident360);
customElements.define('crm-board', CaseBoard);
customElements.define('crm-duplicates', Duplicates);
customElements.define('crm-resident-cases', ResidentCasesPanel);
customElements.define('crm-resident-household', ResidentHouseholdPanel);
