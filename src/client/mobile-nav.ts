// The small-screen menu (issue 18 item 8). USWDS opens its menu as a drawer and marks
// everything else on the page aria-hidden (with data-nav-hidden) while it is open. Its
// focus trap keeps the keyboard in the drawer, but the hidden parts still hold links and
// buttons, which axe rightly reports (aria-hidden-focus) and a screen reader's own cursor
// could still reach. Making the same elements inert removes them from focus and from the
// accessibility tree together, and puts them back when USWDS shows them again.

/** Tells the stylesheet JavaScript runs, so it keeps the folded menu instead of the plain list. */
export function markScriptsOn(): void {
  document.documentElement.classList.add('so-js');
}

export function keepHiddenPartsInert(): void {
  const sync = (el: Element) => {
    if (el instanceof HTMLElement) el.inert = el.hasAttribute('data-nav-hidden');
  };
  new MutationObserver((changes) => {
    for (const change of changes) sync(change.target as Element);
    // USWDS moves focus back to the Menu button as it closes the drawer, a moment before
    // this observer lifts inert, so that focus went nowhere: give it where USWDS meant it.
    // (Focus is then on the body, or still on the drawer's close button that just hid.)
    const menu = document.querySelector<HTMLElement>('.usa-menu-btn');
    const closing = changes.some((c) => !(c.target as Element).hasAttribute('data-nav-hidden'));
    const active = document.activeElement;
    const lost = active === null || active === document.body || active.closest('.usa-nav') !== null;
    if (
      menu &&
      closing &&
      lost &&
      !document.body.classList.contains('usa-js-mobile-nav--active') &&
      menu.offsetParent
    ) {
      menu.focus();
    }
  }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-nav-hidden'] });
}
