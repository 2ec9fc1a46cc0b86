import { css } from 'lit';

/** A plain table with a clear header row and zebra-free rows separated by lines. */
export const listStyles = css`
  .filters {
    margin-bottom: 1rem;
  }
  .filter-fields {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem;
    margin-bottom: 1rem;
  }
  .filter {
    display: flex;
    flex-direction: column;
    gap: 0.25rem;
  }
  .filter label {
    font-weight: bold;
  }
  table {
    width: 100%;
    border-collapse: collapse;
  }
  th,
  td {
    padding: 0.75rem 0.5rem;
    border-bottom: 1px solid #767676;
    text-align: start;
    vertical-align: top;
  }
  th button.sort {
    min-height: 2.75rem;
    padding: 0.25rem 0.5rem;
    border: 0;
    font-weight: bold;
    color: #1a1a1c;
    background: transparent;
    text-decoration: underline;
  }
  .arrow {
    margin-inline-start: 0.25rem;
  }
  .pager {
    display: flex;
    align-items: center;
    gap: 1rem;
    margin-top: 1rem;
  }
  .status:empty {
    /* Kept in the layout: a live region that appears from nothing is not announced. */
    margin: 0;
  }
`;
