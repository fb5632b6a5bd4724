import { PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';

/** A new PDF with the standard fonts every printout uses (no font files to ship). */
export interface Printout {
  pdf: PDFDocument;
  regular: PDFFont;
  bold: PDFFont;
}

/**
 * Starts a printout: the document's title, language and dates (so a PDF reader shows them)
 * and Helvetica in regular and bold. Without a title it is scratch work (e.g. a trial run to
 * count pages) and gets no metadata.
 */
export async function newPrintout(meta: { title?: string; createdOn?: Date; lang?: string } = {}): Promise<Printout> {
  const pdf = await PDFDocument.create();
  if (meta.title !== undefined) {
    pdf.setTitle(meta.title);
    pdf.setCreator('Second Opinion');
    pdf.setProducer('Second Opinion (pdf-lib)');
  }
  if (meta.lang) pdf.setLanguage(meta.lang);
  if (meta.createdOn) {
    pdf.setCreationDate(meta.createdOn);
    pdf.setModificationDate(meta.createdOn);
  }
  return {
    pdf,
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
  };
}
