import type { Letter } from './requests.ts';

/** A letter as printed: the same words as its PDF (records requests and specimen requests). */
export function LetterArticle({ letter, label }: { letter: Letter; label: string }) {
  return (
    <article class="so-letter" aria-label={label}>
      <p>
        {letter.from.map((l) => (
          <>
            {l}
            <br />
          </>
        ))}
      </p>
      <p>{letter.date}</p>
      <p>
        {letter.to.map((l) => (
          <>
            {l}
            <br />
          </>
        ))}
      </p>
      <p>
        <strong>{letter.subject}</strong>
      </p>
      <p>{letter.greeting}</p>
      {letter.paragraphs.map((p) => (
        <p>{p}</p>
      ))}
      <ul>
        {letter.wanted.map((w) => (
          <li>{w}</li>
        ))}
      </ul>
      {letter.afterList.map((p) => (
        <p>{p}</p>
      ))}
      <p>{letter.closing}</p>
      {letter.signatureLines.map((s) => (
        <p class="so-signature-line">{s}</p>
      ))}
    </article>
  );
}
