import { css } from 'lit';

/** Layout of the form: one column, generous spacing, errors marked by colour, weight and a bar. */
export const formStyles = css`
  form {
    max-width: 40rem;
  }
  .field {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
    margin: 0 0 1.5rem;
    padding: 0;
    border: 0;
  }
  label,
  legend {
    font-weight: bold;
  }
  legend {
    padding: 0;
    margin-bottom: 0.25rem;
  }
  .choice {
    display: flex;
    align-items: center;
    min-height: 2.75rem;
  }
  .choice label {
    font-weight: normal;
  }
  .required {
    margin-inline-start: 0.5rem;
    padding: 0 0.375rem;
    border-radius: 0.25rem;
    font-size: 0.875rem;
    color: #ffffff;
    background: var(--kiban-error);
  }
  .help,
  .era {
    margin: 0;
    color: #333333;
  }
  .field p.error {
    margin: 0;
  }
  .summary {
    margin: 1rem 0 1.5rem;
    padding: 1rem 1.25rem;
    border: 3px solid var(--kiban-error);
    border-radius: 0.5rem;
  }
  .summary h3 {
    margin-top: 0;
    color: var(--kiban-error);
  }
  .summary a {
    color: var(--kiban-error);
  }
  .steps {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1.5rem;
    padding: 0;
    list-style: none;
    counter-reset: step;
  }
  .steps li {
    counter-increment: step;
    color: #333333;
  }
  .steps li::before {
    content: counter(step) '. ';
  }
  .steps li[aria-current='step'] {
    font-weight: bold;
    color: var(--kiban-accent);
    text-decoration: underline;
  }
  .step-count {
    display: block;
    font-size: 1rem;
    font-weight: normal;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    margin-top: 2rem;
  }
  .actions .primary {
    margin-inline-start: auto;
  }
  .notice:empty {
    /* Kept in the layout: a live region that appears from nothing is not announced. */
    margin: 0;
  }
`;
