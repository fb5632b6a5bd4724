// Keeps what someone types into a long form (the call log) in this browser tab until it is
// saved, so a lost session, a crash or a stray click does not lose a phone call's notes.
// sessionStorage is per tab and is cleared when the tab closes: nothing stays behind on a
// shared computer. The server still returns a failed form filled in; this covers the rest.

const PREFIX = 'so-draft:';

function fields(form: HTMLFormElement): (HTMLInputElement | HTMLTextAreaElement)[] {
  return [...form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[name], textarea[name]')].filter(
    (el) => el.name !== '_csrf' && el.type !== 'hidden' && el.type !== 'radio' && el.type !== 'checkbox',
  );
}

function save(form: HTMLFormElement, key: string): void {
  const data: Record<string, string> = {};
  for (const el of fields(form)) data[el.name] = el.value;
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(data));
  } catch {
    // Storage full or blocked: the form still works, just without the safety net.
  }
}

function restore(form: HTMLFormElement, key: string): boolean {
  let data: Record<string, string> | null = null;
  try {
    data = JSON.parse(sessionStorage.getItem(PREFIX + key) ?? 'null') as Record<string, string> | null;
  } catch {
    return false;
  }
  if (!data) return false;
  let changed = false;
  for (const el of fields(form)) {
    const v = data[el.name];
    // Only fill what differs from the fresh form: the server's values after a failed save win.
    if (typeof v === 'string' && v !== '' && v !== el.value && el.defaultValue === el.value) {
      el.value = v;
      changed = true;
    }
  }
  return changed;
}

function keepDrafts(): void {
  document.querySelectorAll<HTMLElement>('[data-draft-clear]').forEach((el) => {
    sessionStorage.removeItem(PREFIX + el.dataset.draftClear);
  });
  document.querySelectorAll<HTMLFormElement>('form[data-draft]').forEach((form) => {
    const key = form.dataset.draft!;
    // After a failed save the server sent everything back; the draft would only be older.
    if (form.dataset.draftHasErrors !== '1' && restore(form, key)) {
      const notice = document.querySelector<HTMLElement>('[data-draft-notice]');
      if (notice) notice.hidden = false;
    }
    form.addEventListener('input', () => save(form, key));
  });
}

document.addEventListener('DOMContentLoaded', keepDrafts);
