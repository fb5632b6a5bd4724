// Upload page enhancement: files go one by one, each with its own progress bar and its
// own answer, and files can be dropped anywhere on the form. Without this script the
// same form posts all files at once and the server answers with a results page.

interface Identity {
  name: string;
  birthDate: string | null;
  inFile?: string;
}

interface Result {
  status: 'stored' | 'duplicate' | 'linked' | 'refused';
  message: string;
  reason?: string;
  /** A portal file naming someone else (ADR 0146): both identities and the file's fingerprint. */
  patient?: {
    files: (Identity & { differs: { name: boolean; birthDate: boolean } })[];
    profile: Identity;
    fingerprint: string;
  };
}

function messages(): Record<string, string> {
  const out: Record<string, string> = {};
  const tpl = document.querySelector<HTMLTemplateElement>('template[data-upload-messages]');
  tpl?.content.querySelectorAll<HTMLElement>('[data-msg]').forEach((el) => {
    out[el.dataset.msg!] = el.textContent ?? '';
  });
  return out;
}

function send(
  url: string,
  csrf: string,
  file: File,
  onProgress: (pct: number) => void,
  confirmPatient?: string,
): Promise<Result | null> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.addEventListener('progress', (ev) => {
      if (ev.lengthComputable) onProgress(Math.round((ev.loaded / ev.total) * 100));
    });
    xhr.addEventListener('load', () => {
      try {
        const body = JSON.parse(xhr.responseText) as { results?: Result[]; error?: { message?: string } };
        // A refusal of the whole request (an expired form, a stranger's link) has no results, only an error.
        resolve(body.results?.[0] ?? (body.error?.message ? { status: 'refused', message: body.error.message } : null));
      } catch {
        resolve(null);
      }
    });
    xhr.addEventListener('error', () => resolve(null));
    xhr.addEventListener('abort', () => resolve(null));
    const data = new FormData();
    // The CSRF token goes first: the server checks it before it reads any file.
    data.append('_csrf', csrf);
    // "This is the right person": for this exact file, named by its fingerprint.
    if (confirmPatient) data.append('confirmPatient', confirmPatient);
    data.append('files', file, file.name);
    xhr.send(data);
  });
}

function fill(template: string, vars: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m);
}

function birthText(text: Record<string, string>, d: string | null): string {
  if (!d) return text.notGiven ?? '';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d)) return d;
  const lang = document.documentElement.lang || 'en';
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${d}T12:00:00Z`),
  );
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The same side-by-side table the page without script shows (documents-views.tsx IdentityTable). */
function identityTable(
  text: Record<string, string>,
  file: Identity & { differs: { name: boolean; birthDate: boolean } },
  profile: Identity,
): HTMLTableElement {
  const table = el('table', 'usa-table usa-table--borderless so-identity');
  table.append(
    el('caption', '', file.inFile ? fill(text.captionIn ?? '', { file: file.inFile }) : (text.caption ?? '')),
  );
  const head = el('tr', '');
  head.append(el('td', ''));
  for (const k of ['colFile', 'colProfile']) {
    const th = el('th', '', text[k] ?? '');
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead', '');
  thead.append(head);
  const tbody = el('tbody', '');
  const row = (label: string, mine: string, theirs: string, differs: boolean) => {
    const tr = el('tr', '');
    const th = el('th', '', label);
    th.scope = 'row';
    const td = el('td', '');
    td.append(el('strong', '', mine));
    if (differs) td.append(' ', el('span', 'usa-tag so-tag-differs margin-left-05', text.differs ?? ''));
    tr.append(th, td, el('td', '', theirs));
    tbody.append(tr);
  };
  row(text.rowName ?? '', file.name, profile.name, file.differs.name);
  row(
    text.rowBirthDate ?? '',
    birthText(text, file.birthDate),
    birthText(text, profile.birthDate),
    file.differs.birthDate,
  );
  table.append(thead, tbody);
  return table;
}

/**
 * A portal file that names someone else: both identities, what to do, and a button that
 * sends the same file again (still in the browser) with "this is the right person".
 */
function showMismatch(
  item: HTMLElement,
  status: HTMLElement,
  result: Result,
  resend: (fingerprint: string) => Promise<Result | null>,
  text: Record<string, string>,
): void {
  const m = result.patient!;
  const box = el('div', 'so-mismatch');
  const alert = el('div', 'usa-alert usa-alert--warning');
  const body = el('div', 'usa-alert__body');
  body.append(
    el('p', 'usa-alert__heading text-bold', text.patientHeading ?? ''),
    el('p', 'usa-alert__text', text.nothingAdded ?? ''),
  );
  alert.append(body);
  box.append(alert);
  for (const f of m.files) box.append(identityTable(text, f, m.profile));
  const list = el('ul', 'usa-list');
  list.append(el('li', '', text.ifSomeoneElse ?? ''), el('li', '', text.ifRightPerson ?? ''));
  box.append(list);
  const button = el('button', 'usa-button', text.confirm ?? '');
  button.type = 'button';
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = text.confirmSending ?? '';
    status.classList.remove('usa-sr-only');
    const again = await resend(m.fingerprint);
    box.remove();
    item.classList.toggle('so-upload-refused', !again || again.status === 'refused');
    status.textContent = !again
      ? (text.failed ?? '')
      : again.status === 'refused'
        ? `${text.refused ?? ''} ${again.message}`
        : again.message;
    status.focus();
  });
  box.append(button);
  // Read out in full, but not shown twice: the warning below says the same on screen.
  status.textContent = `${text.refused ?? ''} ${result.message}`;
  status.classList.add('usa-sr-only');
  status.tabIndex = -1;
  item.append(box);
}

export function enhanceUploadForm(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-upload-form]');
  const panel = document.querySelector<HTMLElement>('[data-upload-progress]');
  if (!form || !panel || typeof FormData === 'undefined') return;
  const input = form.querySelector<HTMLInputElement>('input[type="file"]');
  const csrf = form.querySelector<HTMLInputElement>('input[name="_csrf"]')?.value ?? '';
  const list = panel.querySelector<HTMLElement>('[data-upload-list]');
  const heading = panel.querySelector<HTMLElement>('[data-upload-progress-heading]');
  const done = panel.querySelector<HTMLElement>('[data-upload-done]');
  if (!input || !list || !heading || !done) return;
  const text = messages();
  const maxBytes = Number(form.dataset.maxBytes ?? '0');

  // Dropping files anywhere on the form puts them in the file field.
  form.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    form.classList.add('so-drop-active');
  });
  form.addEventListener('dragleave', () => form.classList.remove('so-drop-active'));
  form.addEventListener('drop', (ev) => {
    ev.preventDefault();
    form.classList.remove('so-drop-active');
    if (ev.dataTransfer?.files.length) {
      input.files = ev.dataTransfer.files;
      input.dispatchEvent(new Event('change', { bubbles: true }));
    }
  });

  form.addEventListener('submit', async (ev) => {
    const files = Array.from(input.files ?? []);
    // No files: let the server answer with its plain message.
    if (files.length === 0) return;
    ev.preventDefault();
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button) button.disabled = true;
    panel.hidden = false;
    list.textContent = '';
    done.hidden = true;
    heading.focus();
    for (const [i, file] of files.entries()) {
      const item = document.createElement('li');
      item.className = 'so-upload-item';
      const name = document.createElement('p');
      name.className = 'text-bold margin-y-05';
      name.id = `upload-file-${i}`;
      name.textContent = file.name;
      const bar = document.createElement('progress');
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute('aria-labelledby', name.id);
      const status = document.createElement('p');
      status.className = 'margin-y-05';
      status.setAttribute('role', 'status');
      status.textContent = (text.sending ?? '').replace('{name}', file.name);
      item.append(name, bar, status);
      list.append(item);
      if (maxBytes && file.size > maxBytes) {
        bar.remove();
        status.textContent = `${text.refused ?? ''} ${text.too_large ?? ''}`;
        item.classList.add('so-upload-refused');
        continue;
      }
      const result = await send(form.action, csrf, file, (pct) => {
        bar.value = pct;
      });
      bar.value = 100;
      if (result?.reason === 'patient_mismatch' && result.patient) {
        item.classList.add('so-upload-refused');
        showMismatch(
          item,
          status,
          result,
          (fingerprint) =>
            send(
              form.action,
              csrf,
              file,
              (pct) => {
                bar.value = pct;
              },
              fingerprint,
            ),
          text,
        );
      } else if (!result) {
        status.textContent = text.failed ?? '';
        item.classList.add('so-upload-refused');
      } else {
        status.textContent = result.status === 'refused' ? `${text.refused ?? ''} ${result.message}` : result.message;
        if (result.status === 'refused') item.classList.add('so-upload-refused');
      }
    }
    if (button) button.disabled = false;
    input.value = '';
    done.hidden = false;
  });
}
