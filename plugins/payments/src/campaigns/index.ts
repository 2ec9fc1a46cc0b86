export {
  CAMPAIGN_INPUT,
  type Campaign,
  type CampaignInput,
  campaignOf,
  createCampaign,
  expiryOf,
} from './campaigns.ts';
export {
  createRule,
  type EarningRule,
  type EarnOutcome,
  earn,
  RULE_INPUT,
  type RuleInput,
  rulesFor,
} from './earning.ts';
export { listRules, RULE_UPDATE_INPUT, type RuleUpdate, updateRule } from './earning-rules.ts';
