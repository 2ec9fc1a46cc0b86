import { baseStyles } from '@kiban/runtime-ui';
import { css } from 'lit';

/**
 * The designer's look on top of runtime-ui's: plain, high contrast, large targets. Tables,
 * tabs, panels and notices shared by the designer's elements.
 */
export const designerStyles = [
  baseStyles,
  css`
    h1 {
      font-size: 1.75rem;
      line-height: 1.4;
      margin: 0 0 1rem;
    }
    table {
      border-collapse: collapse;
      width: 100%;
      margin: 0.5rem 0 1rem;
    }
    th,
    td {
      text-align: start;
      vertical-align: top;
      padding: 0.5rem 0.75rem;
      border-bottom: 1px solid var(--kiban-border);
    }
    th {
      background: #f2f2f2;
    }
    a {
      color: var(--kiban-accent);
    }
    code,
    pre {
      font-family: 'Noto Sans Mono', 'Consolas', monospace;
      font-size: 0.9375rem;
    }
    pre {
      white-space: pre-wrap;
      word-break: break-word;
      margin: 0;
    }
    label {
      font-weight: bold;
    }
    .field {
      display: grid;
      gap: 0.25rem;
      margin-bottom: 1rem;
      max-width: 32rem;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
      margin: 1rem 0;
    }
    .notice {
      padding: 0.75rem 1rem;
      border: 2px solid var(--kiban-accent);
      border-radius: 0.5rem;
      margin: 1rem 0;
    }
    .notice.alert {
      border-color: var(--kiban-error);
    }
    .panel {
      border: 1px solid var(--kiban-border);
      border-radius: 0.5rem;
      padding: 1rem 1.25rem;
      margin: 1rem 0;
    }
    .badge {
      display: inline-block;
      padding: 0 0.5rem;
      border: 1px solid #1a1a1c;
      border-radius: 0.25rem;
      font-size: 0.875rem;
    }
    .badge.destructive {
      border-color: var(--kiban-error);
      color: var(--kiban-error);
      font-weight: bold;
    }
    .check {
      display: flex;
      align-items: center;
      gap: 0.25rem;
      margin: 1rem 0;
    }
  `,
];
