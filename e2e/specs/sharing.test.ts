import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { browserSuite, screenshot } from '../harness.ts';
import { expect } from '../pages/expect.ts';
import { NewCase, SignUp } from '../pages/index.ts';
import { Upload } from '../pages/records.ts';
import { DoctorLink, ShareForm, WaitingOpinion } from '../pages/sharing.ts';

// The "Checked by": a new user shares a packet; a second browser opens the link as
// the doctor, reads it, writes an opinion; the patient accepts it; the access log shows
// every step; the link is revoked and stops working. axe on every page, on both sides.

const suite = browserSuite();

async function reportPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc
    .addPage()
    .drawText('Surgical pathology report: invasive ductal carcinoma, grade 2.', { x: 50, y: 750, size: 12, font });
  return Buffer.from(await doc.save());
}

describe('send the records to a consulting doctor', () => {
  test('share a packet, the doctor reads it and writes an opinion, the patient accepts it, the link is revoked', async () => {
    const patient = await suite.open(true);
    const doctor = await suite.open(true);
    const p = patient.page;
    const d = doctor.page;
    p.on('dialog', (dialog) => void dialog.accept());

    // ---- the patient: a case, a record, a question ----
    await SignUp.open(p);
    await SignUp.submit(p, {
      name: 'Rosa Diaz',
      email: 'rosa-sharing@example.com',
      password: 'my garden has three roses',
    });
    await expect.heading(p, 'My cases');
    const caseId = await NewCase.startExample(p);

    await Upload.open(p, `/cases/${caseId}/records`);
    await Upload.send(
      p,
      [{ name: 'pathology-report.pdf', mimeType: 'application/pdf', buffer: await reportPdf() }],
      true,
    );

    await p.goto(`/cases/${caseId}/questions`);
    await p.getByLabel('Your question').fill('Is surgery my only choice?');
    await p.getByRole('button', { name: 'Add to my list' }).click();
    await expect.text(p, 'Your question is on the list.');

    // ---- the patient shares the packet ----
    await p.goto(`/cases/${caseId}`);
    await p.getByRole('link', { name: '7. Send your records' }).first().click();
    await expect.heading(p, 'Send your records');
    await patient.axe.check(p, 'sharing (no links yet)');
    await p.getByRole('link', { name: 'Share with a doctor' }).click();
    await expect.heading(p, 'Share with a doctor');
    await patient.axe.check(p, 'share form');
    await ShareForm.submit(p, { doctor: 'Dr. Grace Hopper', practice: 'Harbor Cancer Center', days: 30, code: true });
    await patient.axe.check(p, 'link made');
    // The copy button appears with JavaScript; the link is plain text without it.
    await p.getByRole('button', { name: 'Copy the link' }).waitFor({ state: 'visible' });
    const made = await ShareForm.read(p);
    const code = made.code;
    assert.match(made.url, /\/s\/[A-Za-z0-9_-]{43}$/);
    // The link names the configured BASE_URL; the test app listens on its own port.
    const url = new URL(made.url).pathname;
    assert.match(code ?? '', /^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await expect.text(p, 'For Dr. Grace Hopper: how to open the records');
    await screenshot(p, 'sharing-link-made');
    // A reload shows no link and makes no second one.
    await p.reload();
    await ShareForm.expectShownOnce(p);
    await patient.axe.check(p, 'link made, opened again');
    await p.getByRole('link', { name: 'Back to your links' }).click();
    assert.equal(
      await p.getByRole('button', { name: 'Turn off the link for Dr. Grace Hopper' }).count(),
      1,
      'one link, not two',
    );

    // ---- a second browser: the doctor ----
    const first = await d.goto(url);
    assert.equal(first?.headers()['referrer-policy'], 'no-referrer');
    assert.equal(first?.headers()['cache-control'], 'no-store');
    assert.match(first?.headers()['x-robots-tag'] ?? '', /noindex/);
    await doctor.axe.check(d, 'doctor: code page');
    await DoctorLink.enterCode(d, 'WRONG-CODE');
    await expect.text(d, 'That code is not right.');
    await doctor.axe.check(d, 'doctor: wrong code');
    await DoctorLink.enterCode(d, code!);
    await expect.heading(d, 'Records of Rosa Diaz');
    await expect.text(d, 'Is surgery my only choice?');
    await expect.text(d, 'pathology report');
    await doctor.axe.check(d, 'doctor: the records');
    await screenshot(d, 'sharing-doctor-view');
    // Looking at the report inline, and saving the packet (same cookies as the page).
    const viewHref = await d
      .getByRole('link', { name: /Look at it/ })
      .first()
      .getAttribute('href');
    const inline = await doctor.context.request.get(viewHref!);
    assert.equal(inline.status(), 200);
    assert.equal(inline.headers()['content-type'], 'application/pdf');
    assert.match(inline.headers()['content-disposition'] ?? '', /^inline/);
    const packet = await doctor.context.request.get(`${url}/packet?format=pdf`);
    assert.equal(packet.status(), 200);
    assert.equal(packet.headers()['content-type'], 'application/pdf');

    await d.getByRole('link', { name: 'Write your opinion' }).click();
    await expect.heading(d, 'Your opinion for Rosa Diaz');
    await doctor.axe.check(d, 'doctor: opinion form');
    // A bad NPI is refused in plain words.
    await DoctorLink.writeOpinion(d, {
      name: 'Dr. Grace Hopper',
      npi: '1234567890',
      specialty: 'Medical oncology',
      contact: 'Harbor Cancer Center, 555-0100',
      diagnosis: 'Invasive ductal carcinoma, left breast, stage IIA',
      code: 'C50.912',
      goal: 'To cure the disease',
      plan: 'Surgery',
      planDetails: 'Lumpectomy, then radiation',
      answer: 'No. Breast-conserving surgery is a good option for you.',
    });
    await d.locator('[data-error-summary]').waitFor({ state: 'visible' });
    await doctor.axe.check(d, 'doctor: opinion form with an error');
    await d.getByLabel('Your NPI number').fill('1234567893');
    await d.getByRole('button', { name: 'Send my opinion' }).click();
    await expect.text(d, 'Thank you. Your opinion is sent to the patient.');
    await expect.heading(d, 'Records of Rosa Diaz');

    // ---- the patient: the opinion waits; the access log shows every step ----
    await p.goto(`/cases/${caseId}/sharing`);
    await expect.text(p, 'Dr. Grace Hopper wrote an opinion');
    for (const step of [
      'Opened the link',
      'Typed a wrong code',
      'Typed the right code',
      'Looked at a record: pathology report',
      'Saved the packet (PDF)',
      'Opened the opinion form',
      'Wrote an opinion',
    ]) {
      await expect.text(p, step);
    }
    await patient.axe.check(p, 'sharing with log and a waiting opinion');
    await screenshot(p, 'sharing-access-log');
    // The case page says an opinion waits; its page says who sent it, with the buttons.
    await p.goto(`/cases/${caseId}`);
    await patient.axe.check(p, 'case page with a waiting opinion');
    // ...and who used the link lately, newest first: the opinion, then what came before it.
    await expect.text(p, 'Who used your share links lately');
    await expect.text(p, 'Dr. Grace Hopper. Wrote an opinion.');
    await WaitingOpinion.openFromCase(p, caseId, 'Dr. Grace Hopper');
    const opinionPath = new URL(p.url()).pathname;
    await expect.text(p, 'Waiting for you to accept it');
    await expect.text(p, 'Invasive ductal carcinoma, left breast, stage IIA');
    await patient.axe.check(p, 'pending opinion');
    await WaitingOpinion.decide(p, 'accept');
    assert.equal(new URL(p.url()).pathname, opinionPath, 'back on the opinion');
    await p.goto(`/cases/${caseId}`);
    assert.equal(await p.getByText('A doctor sent you an opinion').count(), 0);

    // The doctor can no longer change it.
    await d.reload();
    await expect.text(d, 'The patient has your opinion now.');

    // ---- the patient revokes the link; it stops working ----
    await p.goto(`/cases/${caseId}/sharing`);
    await p.getByRole('button', { name: 'Turn off the link for Dr. Grace Hopper' }).click();
    await expect.text(p, 'The link is turned off. It no longer opens.');
    await expect.text(p, 'Turned off');
    const gone = await d.goto(url);
    assert.equal(gone?.status(), 404);
    await expect.heading(d, 'This link is not available');
    await doctor.axe.check(d, 'doctor: link not available');

    await patient.context.close();
    await doctor.context.close();
    await patient.axe.close();
    await doctor.axe.close();
    assert.deepEqual([...patient.axe.problems, ...doctor.axe.problems], []);
  });

  test('without JavaScript the doctor can open the link, read it and write an opinion', async () => {
    const patient = await suite.open(false);
    const doctor = await suite.open(false);
    const p = patient.page;
    const d = doctor.page;
    await SignUp.open(p);
    await SignUp.submit(p, {
      name: 'Ana Ruiz',
      email: 'ana-sharing@example.com',
      password: 'my garden has three roses',
    });
    const caseId = await NewCase.startExample(p);
    await Upload.open(p, `/cases/${caseId}/records`);
    await Upload.send(p, [{ name: 'report.pdf', mimeType: 'application/pdf', buffer: await reportPdf() }], false);
    await p.goto(`/cases/${caseId}/sharing/new`);
    await ShareForm.submit(p, { doctor: 'Dr. No Script', code: false });
    // No copy button without JavaScript: the link is there to select by hand.
    assert.equal(await p.getByRole('button', { name: 'Copy the link' }).isVisible(), false);
    await patient.axe.check(p, 'link made (no JS)');
    const { url, code } = await ShareForm.read(p);
    assert.equal(code, null);
    await p.reload();
    await ShareForm.expectShownOnce(p);

    await d.goto(new URL(url).pathname);
    await expect.heading(d, 'Records of Ana Ruiz');
    await doctor.axe.check(d, 'doctor: the records (no JS)');
    await d.getByRole('link', { name: 'Write your opinion' }).click();
    await d.getByLabel('Your name').fill('Dr. No Script');
    await d.locator('#dx0_text').fill('Ductal carcinoma in situ');
    await d.getByRole('button', { name: 'Send my opinion' }).click();
    await expect.text(d, 'Thank you. Your opinion is sent to the patient.');
    await doctor.axe.check(d, 'doctor: after sending (no JS)');

    await p.goto(`/cases/${caseId}/sharing`);
    await expect.text(p, 'Dr. No Script wrote an opinion');
    // Without JavaScript too: from the case page to the opinion, set aside there.
    await WaitingOpinion.openFromCase(p, caseId, 'Dr. No Script');
    await patient.axe.check(p, 'pending opinion (no JS)');
    await WaitingOpinion.decide(p, 'set aside');
    await expect.text(p, 'This opinion is set aside.');
    await patient.context.close();
    await doctor.context.close();
    await patient.axe.close();
    await doctor.axe.close();
    assert.deepEqual([...patient.axe.problems, ...doctor.axe.problems], []);
  });
});
