// The share link's copy button. Without JS the link is plain text in a field the person
// can select; with JS the button appears and copies it.

export function enhanceCopyButtons(): void {
  document.querySelectorAll<HTMLButtonElement>('[data-copy-target]').forEach((button) => {
    const input = document.getElementById(button.dataset.copyTarget ?? '') as HTMLInputElement | null;
    if (!input || !navigator.clipboard) return;
    const status = button.parentElement?.querySelector<HTMLElement>('[data-copy-status]');
    button.hidden = false;
    button.addEventListener('click', async () => {
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
        if (status) status.textContent = button.dataset.copied ?? '';
      } catch {
        // Clipboard refused (permissions): the text is selected, so Ctrl+C still works.
      }
    });
  });
}
