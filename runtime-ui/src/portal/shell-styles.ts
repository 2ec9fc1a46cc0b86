import { css } from 'lit';

/** The portal frame: a plain header, a menu of large links, and a readable main column. */
export const shellStyles = css`
  :host {
    min-height: 100vh;
  }
  .skip {
    position: absolute;
    left: 1rem;
    top: -4rem;
    padding: 0.5rem 1rem;
    background: #ffffff;
    z-index: 1;
  }
  .skip:focus {
    top: 1rem;
  }
  header {
    border-bottom: 4px solid var(--kiban-accent);
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    gap: 1rem 2rem;
    align-items: center;
    justify-content: space-between;
    padding: 1rem 1.5rem;
  }
  .site {
    font-size: 1.5rem;
    font-weight: bold;
    color: #1a1a1c;
    text-decoration: none;
  }
  .account {
    display: flex;
    gap: 1rem;
    align-items: center;
  }
  nav ul {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1.5rem;
    margin: 0;
    padding: 0 1.5rem 0.75rem;
    list-style: none;
  }
  a {
    color: var(--kiban-accent);
    text-underline-offset: 0.2em;
  }
  nav a {
    display: inline-block;
    padding: 0.5rem 0;
    font-weight: bold;
  }
  nav a[aria-current='page'] {
    color: #1a1a1c;
    text-decoration-thickness: 4px;
  }
  main {
    max-width: 60rem;
    margin: 0 auto;
    padding: 1.5rem;
  }
  main:focus {
    outline: none;
  }
  h1 {
    font-size: 2rem;
    line-height: 1.4;
    margin: 1rem 0 1.5rem;
  }
  table {
    border-collapse: collapse;
    width: 100%;
  }
  th,
  td {
    padding: 0.75rem 0.5rem;
    border-bottom: 1px solid var(--kiban-border);
    text-align: start;
    vertical-align: top;
  }
  .menu-cards {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(16rem, 1fr));
    gap: 1rem;
    padding: 0;
    list-style: none;
  }
  .menu-cards a {
    display: block;
    padding: 1.25rem;
    border: 2px solid var(--kiban-accent);
    border-radius: 0.5rem;
    font-size: 1.125rem;
    font-weight: bold;
  }
`;
