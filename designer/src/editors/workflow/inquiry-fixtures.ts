import inquiryEntity from '../../../../examples/inquiry/metadata/entities/Inquiry.json' with { type: 'json' };
import inquiryWorkflow from '../../../../examples/inquiry/metadata/workflows/inquiry.json' with { type: 'json' };
import type { EntityMetadata, WorkflowMetadata } from './workflow-types.ts';

/** The inquiry example as the specs edit it, frozen so a spec fails if the editor changes it in place. */
export const inquiry = deepFreeze(inquiryWorkflow as WorkflowMetadata);
export const inquiryEntities = [deepFreeze(inquiryEntity as EntityMetadata)];
export const inquiryRoles = ['inquiry-desk', 'inquiry-supervisor', 'inquiry-resident'];
export const inquiryRules = ['inquiry-has-answer', 'inquiry-urgent'];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
