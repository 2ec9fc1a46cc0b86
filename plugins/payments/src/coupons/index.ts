export { createDefinition, DEFINITION_INPUT, type DefinitionInput } from './definitions.ts';
export * from './errors.ts';
export { type Definition, definitionOf, distribute, issueOne } from './issue.ts';
export { normalizeTypedCode, PRESENTATION_SECONDS, signPresentation, verifyPresentation } from './qr-token.ts';
export { presentCoupon, type RedeemRequest, type Redemption, redeemCoupon, type ShownCoupon } from './redeem.ts';
