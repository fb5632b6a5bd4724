// Upload page enhancement: files go one by one, each with its own progress bar and its
// own answer, and files can be dropped anywhere on the form. Without this script the
// same form posts all files at once and the server answers with a results page.

interface Result {
  status: 'stored' | 'duplicate' | 'linked' | 'refused';
  message: string;
}

function messages(): Record<string, string> {
  const out: Record<string, string> = {};
  const tpl = document.querySelector<HTMLTemplateElement>('template[data-upload-messages]');
  tpl?.content.querySelectorAll<HTMLElement>('[data-msg]').forEach((el) => {
    out[el.dataset.msg!] = el.textContent ?? '';
  });
  return out;
}

function send(url: string, csrf: string, file: File, onProgress: (pct: number) => void): Promise<Result | null> {
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
    data.append('files', file, file.name);
    xhr.send(data);
  });
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
      if (!result) {
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
