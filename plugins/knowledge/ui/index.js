/**
 * The knowledge plugin's browser module: the resident smart FAQ page component, and the staff
 * catalogue, feedback review, zero-result review, the FAQ draft queue and the revision panel under published content. Plain custom elements that act through
 * the plugin's actions and routes; text is set, never parsed as HTML.
 */
import { KnowledgeCatalogue } from './catalogue.js';
import { KnowledgeFaqDrafts } from './faq-drafts.js';
import { KnowledgeFeedbackReview } from './feedback-review.js';
import { KnowledgeMyBenefits } from './my-benefits.js';
import { KnowledgeRevisionPanel } from './revision-panel.js';
import { SmartFaq } from './smart-faq.js';
import { KnowledgeZeroResults } from './zero-results.js';

customElements.define('knowledge-smart-faq', SmartFaq);
customElements.define('knowledge-catalogue', KnowledgeCatalogue);
customElements.define('knowledge-feedback-review', KnowledgeFeedbackReview);
customElements.define('knowledge-zero-results', KnowledgeZeroResults);
customElements.define('knowledge-my-benefits', KnowledgeMyBenefits);
customElements.define('knowledge-revision-panel', KnowledgeRevisionPanel);
customElements.define('knowledge-faq-drafts', KnowledgeFaqDrafts);
