// ICD-10-CM suggestions under the diagnosis code field (an ARIA 1.2 combobox). Without
// JavaScript the field is a plain text box that the server checks, so this only helps.

interface Hit {
  code: string;
  description: string;
}

let counter = 0;

function enhance(input: HTMLInputElement): void {
  const id = `ac-${++counter}`;
  const group = input.parentElement;
  if (!group) return;
  group.classList.add('so-ac');
  const list = document.createElement('ul');
  list.id = `${id}-list`;
  list.className = 'so-ac__list';
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', input.labels?.[0]?.textContent?.trim() ?? 'Codes');
  list.hidden = true;
  const status = document.createElement('div');
  status.className = 'usa-sr-only';
  status.setAttribute('role', 'status');
  group.append(list, status);
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);

  let hits: Hit[] = [];
  let active = -1;
  let timer: number | undefined;
  let asked = 0;

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (i: number) => {
    active = i;
    list
      .querySelectorAll<HTMLElement>('[role=option]')
      .forEach((el, k) => el.setAttribute('aria-selected', String(k === i)));
    if (i >= 0) {
      input.setAttribute('aria-activedescendant', `${id}-opt-${i}`);
      document.getElementById(`${id}-opt-${i}`)?.scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };
  const choose = (i: number) => {
    const hit = hits[i];
    if (!hit) return;
    input.value = hit.code;
    const text = input.dataset.icd10 ? (document.getElementById(input.dataset.icd10) as HTMLInputElement | null) : null;
    if (text && text.value.trim() === '') text.value = hit.description;
    close();
    status.textContent = `${hit.code}: ${hit.description}`;
  };
  const render = () => {
    list.replaceChildren(
      ...hits.map((h, i) => {
        const li = document.createElement('li');
        li.id = `${id}-opt-${i}`;
        li.className = 'so-ac__option';
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        const code = document.createElement('strong');
        code.textContent = h.code;
        li.append(code, ` ${h.description}`);
        li.addEventListener('mousedown', (e) => {
          e.preventDefault(); // keep focus in the field
          choose(i);
        });
        return li;
      }),
    );
    if (hits.length) {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      status.textContent = `${hits.length} codes found. Use the up and down arrows to choose one.`;
    } else {
      close();
      status.textContent = 'No codes found.';
    }
    active = -1;
  };
  const lookUp = async () => {
    const q = input.value.trim();
    if (q.length < 2) {
      hits = [];
      close();
      return;
    }
    const mine = ++asked;
    try {
      const res = await fetch(`/codes/icd10/suggest?limit=8&q=${encodeURIComponent(q)}`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!res.ok || mine !== asked) return;
      const body = (await res.json()) as { results: Hit[] };
      hits = body.results ?? [];
      render();
    } catch {
      // Offline or signed out: the plain field still works.
    }
  };

  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void lookUp(), 150);
  });
  input.addEventListener('keydown', (e) => {
    if (list.hidden) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      highlight(Math.min(hits.length - 1, active + 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      highlight(Math.max(0, active - 1));
    } else if (e.key === 'Enter' && active >= 0) {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => window.setTimeout(close, 150));
}

document.addEventListener('DOMContentLoaded', () => {
  document.querySelectorAll<HTMLInputElement>('input[data-icd10]').forEach(enhance);
});
