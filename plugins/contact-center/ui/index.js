customElements.define('contact-center-placeholder', class extends HTMLElement {});
