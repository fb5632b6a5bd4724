// Packet page enhancement: fetch the packet and show how far the download has got, in a
// progress bar and a polite live region. Without this script the same GET form simply
// downloads the file.

function messages(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  form
    .querySelector<HTMLTemplateElement>('template[data-packet-messages]')
    ?.content.querySelectorAll<HTMLElement>('[data-msg]')
    .forEach((el) => {
      out[el.dataset.msg!] = el.textContent ?? '';
    });
  return out;
}

/** The file name from Content-Disposition (the plain ASCII one is enough here). */
function fileName(header: string | null, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(header ?? '');
  return m?.[1] ?? fallback;
}

export function enhancePacketForm(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-packet-form]');
  const panel = form?.querySelector<HTMLElement>('[data-packet-progress]');
  const bar = panel?.querySelector<HTMLProgressElement>('[data-packet-bar]');
  const status = panel?.querySelector<HTMLElement>('[data-packet-status]');
  if (
    !form ||
    !panel ||
    !bar ||
    !status ||
    typeof fetch === 'undefined' ||
    typeof ReadableStream === 'undefined' ||
    !URL.createObjectURL
  )
    return;
  const text = messages(form);
  let busy = false;

  form.addEventListener('submit', (event) => {
    const submitter = (event as SubmitEvent).submitter as HTMLButtonElement | null;
    // Nothing chosen: let the server answer with its plain error page.
    if (busy || !form.querySelector('input[name="documentIds"]:checked')) return;
    event.preventDefault();
    const params = new URLSearchParams();
    new FormData(form).forEach((v, k) => params.append(k, String(v)));
    if (submitter?.name) params.set(submitter.name, submitter.value);
    void download(`${form.action}?${params.toString()}`, params.get('format') === 'zip' ? 'packet.zip' : 'packet.pdf');
  });

  async function download(url: string, fallbackName: string): Promise<void> {
    busy = true;
    form!.querySelectorAll<HTMLButtonElement>('button[type="submit"]').forEach((b) => (b.disabled = true));
    panel!.hidden = false;
    bar!.removeAttribute('value'); // indeterminate while the server puts the packet together
    status!.textContent = text.building ?? '';
    try {
      const res = await fetch(url, { credentials: 'same-origin' });
      if (!res.ok || !res.body) throw new Error(String(res.status));
      const total = Number(res.headers.get('Content-Length') ?? '0');
      const reader = res.body.getReader();
      const chunks: Uint8Array[] = [];
      let loaded = 0;
      let announced = -1;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        chunks.push(value);
        loaded += value.length;
        if (total > 0) {
          const pct = Math.min(100, Math.floor((loaded / total) * 100));
          bar!.value = pct;
          // Announce in steps of a quarter so a screen reader is not flooded.
          const step = Math.floor(pct / 25) * 25;
          if (step !== announced) {
            announced = step;
            status!.textContent = (text.progress ?? '').replace('{percent}', String(step));
          }
        }
      }
      const blob = new Blob(chunks as BlobPart[], {
        type: res.headers.get('Content-Type') ?? 'application/octet-stream',
      });
      const href = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = href;
      a.download = fileName(res.headers.get('Content-Disposition'), fallbackName);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(href), 60_000);
      bar!.value = 100;
      status!.textContent = text.done ?? '';
    } catch {
      status!.textContent = text.failed ?? '';
    } finally {
      busy = false;
      form!.querySelectorAll<HTMLButtonElement>('button[type="submit"]').forEach((b) => (b.disabled = false));
    }
  }
}
