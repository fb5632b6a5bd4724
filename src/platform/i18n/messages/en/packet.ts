// Step 7, the records packet: one bundle of the case for the doctor who gives the
// second opinion. The cover summary is shared with the doctor's link page.
export const packet = {
  'packet.title': 'Records packet for the doctor',
  'packet.intro':
    'Put your records in one bundle for the doctor who gives the second opinion. It starts with a short summary of your case. Then comes a list of the files, then the files.',
  'packet.link': 'Make a records packet',

  // ---------- cover summary ----------
  'packet.cover.heading': 'Summary for the doctor',
  'packet.cover.pdfTitle': 'Records for a second opinion',
  'packet.cover.patient': 'Patient',
  'packet.cover.dateOfBirth': 'Date of birth',
  'packet.cover.notGiven': 'Not given',
  'packet.cover.questionHeading': 'What the patient asks',
  'packet.cover.question.diagnosis_and_plan':
    'The patient was told: {diagnosis}. The plan offered: {treatment}. Is the diagnosis right, and is this the best plan?',
  'packet.cover.question.diagnosis':
    'The patient was told: {diagnosis}. Is the diagnosis right, and what are the choices for care?',
  'packet.cover.question.no_diagnosis':
    'There is no diagnosis yet. What could be causing this, and what should be done next?',
  'packet.cover.symptoms': 'What the patient notices: {symptoms}',
  'packet.cover.firstDoctorHeading': 'What the first doctor said',
  'packet.cover.firstDoctor': 'Doctor',
  'packet.cover.told': 'Date',
  'packet.cover.finding': 'Found',
  'packet.cover.proposed': 'Proposed',
  'packet.cover.urgency': 'How soon to start',
  'packet.cover.nothingRecorded': 'Nothing written down yet.',
  'packet.cover.medicationsHeading': 'Current medicines',
  'packet.cover.allergiesHeading': 'Allergies',
  'packet.cover.testsHeading': 'Tests already done',
  'packet.cover.questionsHeading': 'The patient’s questions',
  'packet.cover.important': 'Important',
  'packet.cover.noneFound': 'None found in the records.',
  'packet.cover.noQuestions': 'No questions written down yet.',
  'packet.cover.more': 'And {count} more.',
  'packet.cover.since': 'since {date}',
  'packet.cover.times': '{count} times',
  'packet.cover.source':
    'Source: what the patient or their family wrote down, and files from their health records. This summary is not a diagnosis.',
  'packet.cover.preparedOn': 'Prepared on {date} with Second Opinion.',

  // ---------- index ----------
  'packet.index.heading': 'Files in this packet',
  'packet.index.number': 'No.',
  'packet.index.titleCol': 'Title',
  'packet.index.kind': 'Kind',
  'packet.index.date': 'Date',
  'packet.index.source': 'From',
  'packet.index.pages': 'Pages',
  'packet.index.startsOn': 'page {page}',
  'packet.index.pageCount': '{count} pages from page {page}',
  'packet.index.onePage': 'page {page}',
  'packet.index.inZip': 'In the ZIP file only',
  'packet.index.unreadable': 'Could not be opened. The file is in the ZIP.',
  'packet.index.zipNote':
    'Scans such as CT or MRI and some other files cannot go in a PDF. They are in the ZIP file, in the folder shown.',
  'packet.index.unreadableNote':
    'A file may be damaged or locked with a password. It is listed here, and the original is in the ZIP.',
  'packet.index.imageHeading': '{n}. {title}',

  // ---------- page ----------
  'packet.choose.legend': 'Which files go in?',
  'packet.choose.hint': 'All your files are chosen. Uncheck any you do not want to send.',
  'packet.choose.none': 'There are no files in this case yet. Add your records first.',
  'packet.choose.addRecords': 'Add records',
  'packet.choose.pdfOnly': 'Goes in the PDF',
  'packet.choose.zipOnly': 'In the ZIP only',
  'packet.download.heading': 'Get the packet',
  'packet.download.pdf': 'Download the PDF',
  'packet.download.zip': 'Download the ZIP',
  'packet.download.pdfHint': 'One PDF file: the summary, the list of files, then the files. Easy to read and print.',
  'packet.download.zipHint':
    'The PDF plus every original file. Scans are in their own folders. Send this when the doctor needs the images.',
  'packet.download.refresh': 'Update the list',
  'packet.download.building': 'Making your packet. This can take a minute.',
  'packet.download.progress': 'Downloaded {percent} percent.',
  'packet.download.done': 'Your packet is ready. Look in your downloads.',
  'packet.download.failed': 'The packet could not be made. Please try again.',
  'packet.print': 'Print the summary',
  'packet.preview.heading': 'The summary the doctor will see',
  'packet.preview.hint': 'This comes from your case, your records and your questions. To change it, change those.',

  // ---------- errors ----------
  'packet.errors.empty': 'Choose at least one file to put in the packet.',
  'packet.errors.unknownDocument': 'One of the files chosen is not part of this case.',
  'packet.errors.tooMany': 'That is too many files for one packet. Choose 200 or fewer.',
  'packet.errors.format': 'Choose PDF or ZIP.',
} as const;
