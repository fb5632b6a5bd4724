// Small enhancements only: every page works without this file.
import './draft.ts';
import { enhancePacketForm } from './packet-download.ts';
import { enhanceUploadForm } from './records-upload.ts';
import './icd10-autocomplete.ts';
import { keepHiddenPartsInert, markScriptsOn } from './mobile-nav.ts';
import { enhanceCopyButtons } from './share-copy.ts';

// Before the page's load event, while USWDS's own loading class is still on: the no-script
// menu layout in app.css never shows when scripts run.
markScriptsOn();

/** Moves focus to the error summary so screen-reader users hear what went wrong first. */
function focusErrorSummary(): void {
  const summary = document.querySelector<HTMLElement>('[data-error-summary]');
  if (summary) summary.focus();
}

/** Asks before actions that are hard to undo (archive, revoke, remove). */
function confirmDangerousForms(): void {
  document.querySelectorAll<HTMLFormElement>('form[data-confirm]').forEach((form) => {
    form.addEventListener('submit', (event) => {
      const message = form.dataset.confirm;
      if (message && !window.confirm(message)) event.preventDefault();
    });
  });
}

/** Print buttons: a plain link to the page works too; this just opens the print dialog. */
function printButtons(): void {
  document.querySelectorAll<HTMLElement>('[data-print]').forEach((el) => {
    el.hidden = false;
    el.addEventListener('click', (event) => {
      event.preventDefault();
      window.print();
    });
  });
}

document.addEventListener('DOMContentLoaded', () => {
  focusErrorSummary();
  confirmDangerousForms();
  printButtons();
  enhanceUploadForm();
  enhancePacketForm();
  enhanceCopyButtons();
  keepHiddenPartsInert();
});
