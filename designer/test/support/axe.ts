import axe from 'axe-core';

/** WCAG 2.1 AA, the level JIS X 8341-3 AA asks of resident pages. */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** axe-core's violations inside `element` (shadow roots included), as readable lines. */
export async function accessibilityViolations(element: Element): Promise<string[]> {
  const results = await axe.run(element, { runOnly: { type: 'tag', values: WCAG_21_AA } });
  return results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join('; ')})`,
  );
}
