// Step 6, gather records: documents, uploads, imports, records requests, the checklist,
// the timeline, tests already done and search.
export const records = {
  'records.title': 'Gather your records',
  'records.intro':
    'The doctor who gives the second opinion needs your records. That means reports, test results, and the images themselves. When records come late or without images, the second opinion is often delayed, or tests are done again.',
  'records.imagesFact':
    'You have a right to copies of the images from your scans and X-rays, not only the written reports. Ask for the image files (often on a disc) so the new doctor can look at them.',
  'records.nav.checklist': 'Records checklist',
  'records.nav.requests': 'Records requests',
  'records.nav.documents': 'Your documents',
  'records.nav.timeline': 'Health timeline',
  'records.nav.testsDone': 'Tests already done',
  'records.nav.search': 'Search your records',

  // ---------- hub ----------
  'records.hub.checklistHeading': 'What to gather',
  'records.hub.checklistSummary': '{received} of {total} items received. {requested} requested.',
  'records.hub.checklistNone': 'Choose the kind of case to get a list of the records to gather.',
  'records.hub.checklistOpen': 'Open the checklist',
  'records.hub.requestsHeading': 'Ask for your records',
  'records.hub.requestsIntro':
    'You have a legal right to a copy of your records. We write the request letter for you and help you keep track of it.',
  'records.hub.specimensHeading': 'Pathology slides and tissue blocks',
  'records.hub.specimensIntro':
    'Slides and tissue blocks are tissue, not records. To have a second pathologist look at them, ask the lab that keeps them to send them. We write that letter too.',
  'records.hub.specimensNone': 'No slides or blocks asked for yet.',
  'records.hub.newSpecimenRequest': 'Ask a lab to send slides or blocks',
  'records.hub.requestsNone': 'No requests yet.',
  'records.hub.newRequest': 'Write a request letter',
  'records.hub.documentsHeading': 'Your documents',
  'records.hub.documentsNone': 'No documents yet. Add reports, scans, or files from your patient portal.',
  'records.hub.upload': 'Add documents',
  'records.hub.importedHeading': 'Health information from your portal',
  'records.hub.importedIntro':
    'Did you get a file from your patient portal? It may be a C-CDA or FHIR file. If you add it here, we read the health facts in it: illnesses, medicines, allergies, tests and visits.',
  'records.hub.importedCount': '{count} items read from your files so far.',
  'records.hub.searchHeading': 'Search your records',

  // ---------- kinds and types ----------
  'records.kind.pathology': 'Pathology report',
  'records.kind.imaging': 'Imaging (scan, X-ray, disc)',
  'records.kind.lab': 'Lab results',
  'records.kind.clinic_note': 'Clinic or visit note',
  'records.kind.operative_note': 'Operative or procedure note',
  'records.kind.letter': 'Letter',
  'records.kind.other': 'Other',
  'records.type.pdf': 'PDF',
  'records.type.jpeg': 'JPEG image',
  'records.type.png': 'PNG image',
  'records.type.tiff': 'TIFF image',
  'records.type.dicom': 'DICOM image',
  'records.type.zip': 'ZIP file',
  'records.type.imaging_study': 'Imaging study (disc)',
  'records.type.ccda': 'Health record (C-CDA)',
  'records.type.fhir': 'Health record (FHIR)',
  'records.type.text': 'Text',
  'records.textStatus.extracted': 'Text can be searched',
  'records.textStatus.unreadable': 'Text could not be read',
  'records.textStatus.too_large': 'Too large to read the text',
  'records.textStatus.unreadableHelp':
    'We kept this file, but we could not read its text. It may be locked with a password, damaged, or a scan of paper. You can still open it and share it. Search will not find words inside it.',

  // ---------- upload ----------
  'records.upload.title': 'Add documents',
  'records.upload.intro':
    'Add reports, letters, scans, and files from patient portals. You can choose several files at once.',
  'records.upload.accepted':
    'We accept PDF files and pictures (JPEG, PNG or TIFF). We also accept scan files (DICOM), ZIP files such as a copy of a scan disc, plain text, and health files from patient portals (C-CDA or FHIR).',
  'records.upload.limit': 'Each file can be up to {limit}.',
  'records.upload.privacy': 'Files are stored encrypted. Only people you have let help with this case can see them.',
  'records.upload.field': 'Files to add',
  'records.upload.fieldHint': 'Choose one or more files. On a phone you can also take a photo of a paper record.',
  'records.upload.drop': 'Or drag files here',
  'records.upload.submit': 'Add these files',
  'records.upload.sending': 'Sending {name}',
  'records.upload.resultsTitle': 'What happened to your files',
  'records.upload.noFiles': 'Please choose at least one file.',
  'records.upload.someRefused': 'Some files were not added. The reason is shown under each one.',
  'records.upload.result.stored': 'Added.',
  'records.upload.result.duplicate': 'You had already added this file to this case, so we did not add it again.',
  'records.upload.result.restored': 'You had removed this file from this case before. We put it back.',
  'records.upload.result.linked':
    'This file was already stored for this person in another case. We added it here without storing a second copy.',
  'records.upload.result.items': '{count} health items were read from it.',
  'records.upload.result.refused': 'Not added.',
  'records.upload.more': 'Add more files',
  'records.upload.backToRecords': 'Back to your records',
  'records.upload.fileUnknown': 'The upload',
  'records.upload.errors.notMultipart': 'Please send the files as a form upload (multipart/form-data).',

  'records.refusal.empty': 'This file is empty. Please choose the file again.',
  'records.refusal.not_allowed':
    'We cannot store this kind of file. We accept PDF files, JPEG, PNG and TIFF pictures, DICOM imaging files, ZIP files, C-CDA or FHIR health record files, and plain text.',
  'records.refusal.xml_doctype':
    'For safety, we do not accept XML files that contain a DOCTYPE or ENTITY section. Ask your patient portal for a standard C-CDA export.',
  'records.refusal.html':
    'This is a web page (an HTML file), not a health record file. ' +
    'To keep it, open it in your browser, print it to PDF, and add the PDF.',
  'records.refusal.xml_not_ccda': 'This XML file is not a C-CDA health record, so we cannot read it.',
  'records.refusal.xml_damaged':
    'This XML file is damaged or incomplete, so we cannot read it. Try downloading it again from your patient portal.',
  'records.refusal.json_not_fhir': 'This JSON file is not a FHIR health record, so we cannot read it.',
  'records.refusal.json_malformed':
    'This JSON file is damaged or incomplete, so we cannot read it. Try downloading it again from your patient portal.',
  'records.refusal.text_encoding':
    'We could not read the text in this file. Save it as a PDF or as plain UTF-8 text and try again.',
  'records.refusal.zip_unsafe_path': 'This ZIP file holds files with unsafe folder names, so we did not store it.',
  'records.refusal.zip_too_many': 'This ZIP file holds more than 10,000 files. Please split it into smaller ZIP files.',
  'records.refusal.zip_too_big':
    'This ZIP file would unpack to more than 10 times the upload limit, so we did not store it.',
  'records.refusal.zip_damaged': 'This ZIP file is damaged, so we cannot open it. Try making the ZIP file again.',
  'records.refusal.too_large':
    'This file is larger than the limit of {limit}. Nothing was stored. You can split it into smaller files, or ask the person who runs this app to raise the limit.',
  'records.refusal.import_too_large':
    'This health record file (C-CDA or FHIR) is larger than the limit of {limit} for files we read item by item. ' +
    'Nothing was stored. Ask your patient portal for a shorter date range, or for the same record as a PDF.',
  'records.refusal.import_memory':
    'This health record file is too big to read here: it needs more memory than this app allows for one file. ' +
    'Nothing was stored. Ask your portal for a smaller export (for example, one year at a time), ' +
    'or ask the person who runs this app to raise IMPORT_MEMORY_MB.',
  'records.refusal.too_many_files':
    'You can add up to 50 files at a time. The files above were handled; please add the rest again.',
  'records.refusal.stalled':
    'The upload stopped because no data arrived for a while. Nothing was stored. Please try again.',
  'records.refusal.cut_off':
    'The upload was cut off before the whole file arrived. Nothing was stored. Please try again.',
  'records.refusal.zip_record_unreadable':
    'A health record file in this ZIP file ({entry}) could not be read, so we could not check whose record it is. Nothing was added.',
  'records.refusal.zip_too_many_records':
    'This ZIP file holds more than 500 health record files. Please split it into smaller ZIP files.',
  'records.refusal.patient_mismatch':
    'This file may be someone else’s record. The name or date of birth in it is not the same as in the profile. Nothing from it was added.',
  'records.refusal.patient_several':
    'This health record file names more than one person, so we cannot tell whose record it is. Nothing from it was added. Ask the portal for a file about one person.',
  'records.refusal.patient_several.inZip':
    'A health record file in this ZIP file ({entry}) names more than one person, so we cannot tell whose record it is. Nothing was added.',
  'records.refusal.patient_none':
    'This health record file does not say whose record it is. It has no patient name, so nothing from it was added. Ask the portal for a full copy.',
  'records.refusal.patient_none.inZip':
    'A health record file in this ZIP file ({entry}) does not say whose record it is, so nothing was added.',

  // ---------- whose record a portal file is (ADR 0146) ----------
  'records.patient.heading': 'This file may be someone else’s record',
  'records.patient.caption': 'Who the file is about, next to the profile',
  'records.patient.captionIn': 'Who {file} is about, next to the profile',
  'records.patient.colFile': 'In the file',
  'records.patient.colProfile': 'In the profile',
  'records.patient.rowName': 'Name',
  'records.patient.rowBirthDate': 'Date of birth',
  'records.patient.notGiven': 'Not given',
  'records.patient.differs': 'Not the same',
  'records.patient.nothingAdded': 'Nothing from this file was added. Please check the name and date of birth.',
  'records.patient.ifSomeoneElse':
    'If it is someone else’s record, you do not need to do anything. We did not keep it.',
  'records.patient.ifRightPerson':
    'If it is the right person, you can still add it. For example, the portal may use a middle name, a married name or a nickname.',
  'records.patient.chooseAgain': 'For privacy, we did not keep the file. To add it anyway, choose the same file again.',
  'records.patient.chooseAgainLabel': 'The same file again',
  'records.patient.confirm': 'This is the right person, import anyway',
  'records.patient.sending': 'Adding the file',
  'records.patient.fixProfile': 'Is the name or date of birth in the profile wrong? Change the profile',
  'records.patient.sectionHeading': 'Whose record this is',
  'records.patient.names': 'The file names {name}.',
  'records.patient.namesBorn': 'The file names {name}, born {date}.',
  'records.patient.status.matched': 'This is the same person as in the profile.',
  'records.patient.status.confirmed': '{person} said this is the right person on {date}.',
  'records.patient.status.confirmedSomeone': 'Someone said this is the right person on {date}.',
  'records.patient.status.not_checked': 'We could not check whose record this file is.',
  'records.review.heading': 'Files that may be someone else’s record',
  'records.review.intro':
    'These files were added before we checked whose record each file is. Each one names a different person from the profile. Until you decide, they are kept out of your list, the packet, share links, the FHIR file, the timeline, tests already done and search.',
  'records.review.thisOne':
    'This file names a different person from the profile. Until you decide, it is kept out of your list, the packet, share links and search.',
  'records.review.confirm': 'This is the right person',
  'records.review.confirmed': 'Saved. This file is part of the case.',
  'audit.action.document.patient_confirm': 'Said a health record file is the right person’s',
  'audit.action.document.patient_mismatch': 'Tried to add a health record file that names someone else (not added)',
  'audit.action.document.patient_unclear':
    'Tried to add a health record file that names several people or nobody (not added)',
  'audit.action.document.patient_check': 'Checked whose record an older health record file is',

  // ---------- one document ----------
  'records.documents.title': 'Your documents',
  'records.documents.none': 'No documents yet.',
  'records.documents.added': 'Added {date}',
  'records.documents.open': 'Details',
  'records.documents.download': 'Download',
  'records.documents.downloadFile': 'Download the file ({size})',
  'records.documents.facts': 'About this file',
  'records.documents.fileName': 'File name',
  'records.documents.fileType': 'Type of file',
  'records.documents.fileSize': 'Size',
  'records.documents.pages': 'Pages',
  'records.documents.addedOn': 'Added on',
  'records.documents.fingerprint': 'Fingerprint (SHA-256)',
  'records.documents.fingerprintHelp':
    'A code that changes if even one letter of the file changes. It proves the copy you download is the one that was added.',
  'records.documents.editHeading': 'Describe this document',
  'records.documents.field.title': 'Title',
  'records.documents.field.titleHint': 'For example: Biopsy report, left breast',
  'records.documents.field.kind': 'What kind of document is it?',
  'records.documents.field.date': 'Date of the document',
  'records.documents.field.dateHint': 'The date of the test or visit, if you know it. For example: 4 28 2026',
  'records.documents.field.provider': 'Who made it (doctor, hospital or lab)',
  'records.documents.field.providerHint': 'For example: City Hospital Radiology',
  'records.documents.saved': 'The document details are saved.',
  'records.documents.errors.titleRequired': 'Enter a title for this document.',
  'records.documents.errors.kindRequired': 'Choose what kind of document this is.',
  'records.documents.imagingHeading': 'What is in this imaging',
  'records.documents.imaging.studies': 'Studies',
  'records.documents.imaging.series': 'Series (groups of images)',
  'records.documents.imaging.images': 'Images',
  'records.documents.imaging.date': 'Study date',
  'records.documents.imaging.modalities': 'Type of imaging',
  'records.documents.imaging.bodyParts': 'Body part',
  'records.documents.imaging.descriptions': 'Description',
  'records.documents.imaging.institution': 'Where it was done',
  'records.documents.imaging.help':
    'The doctor for the second opinion often wants to see these images, not just read the report.',
  'records.documents.importHeading': 'Health information read from this file',
  'records.documents.importCount': 'We read {count} items from this file.',
  'records.documents.importSkipped':
    '{count} parts of the file could not be read. The whole file is kept, so nothing is lost.',
  'records.documents.zipEntries': 'This ZIP file holds {count} files.',
  'records.documents.seeTimeline': 'See them on the health timeline',
  'records.documents.rangeUnsatisfiable': 'That part of the file does not exist. The file is shorter.',
  'records.documents.removed':
    'The file is out of this case. It is kept. You can put it back from the list of removed files.',
  'records.documents.restored': 'The file is back in this case.',
  'records.remove.heading': 'Wrong file?',
  'records.remove.hint':
    'If this is the wrong file, a copy, or someone else’s record, you can take it out of this case. It is kept, and you can put it back.',
  'records.remove.title': 'Remove from this case',
  'records.remove.which': 'You are about to take “{title}” out of this case.',
  'records.remove.whatHappens': 'This is what happens:',
  'records.remove.leavesList': 'It leaves your list of documents and your search results.',
  'records.remove.leavesPacket': 'It is not put in the records packet, and you cannot add it to new share links.',
  'records.remove.leavesShares': 'A share link you already sent stops showing it to the doctor.',
  'records.remove.leavesItems': 'Health items read from it leave the timeline while it is out.',
  'records.remove.kept': 'Nothing is deleted. The file is kept, and you can put it back at any time.',
  'records.remove.confirm': 'Yes, remove it from this case',
  'records.remove.cancel': 'No, keep it',
  'records.removed.heading': 'Removed files',
  'records.removed.intro': 'These files are out of this case. They are kept. Put one back to use it again.',
  'records.removed.on': 'Removed {date}',
  'records.removed.putBack': 'Put it back',
  'records.removed.thisOne':
    'This file was taken out of this case on {date}. It is kept. It is not in your list, the packet or share links.',
  'records.documents.checklistLinks': 'This document counts for',

  // ---------- sourced content: the right of access ----------
  'content.records.deadline':
    'For a request under the right of access, the office must act within 30 days of getting it. It may take 30 more days only once, and only if it tells you in writing, within the first 30 days, why and by when.',
  'content.records.format':
    'They must give you the records in the form you ask for (for example, electronic) if they can readily make it.',
  'content.records.thirdParty':
    'You can have them send a copy straight to another doctor. Since a 2020 court ruling (Ciox Health v. Azar), this right covers only electronic copies of what is in their electronic health record.',
  'content.records.signed':
    'A request to send copies to someone else must be in writing and signed by you. It must say clearly who gets the copies and where to send them.',
  'content.records.authorization':
    'To have paper copies sent to someone else, you sign a HIPAA authorization instead. The 30-day deadline does not apply to an authorization.',
  'content.records.paperToYou':
    'Want paper copies with the 30-day deadline? Ask for them to be sent to you, and pass them on yourself.',
  'content.records.psychotherapy': 'Psychotherapy notes are not included in this right.',
  'content.records.specimensNotRecords':
    'The right of access is a right to the information in your records. Glass slides and tissue blocks are tissue, not records, so a records request does not cover them. Ask the lab for them with a specimen request.',
  'content.records.cures':
    'A federal rule says doctors and hospitals must not block or slow down your access to the health facts they keep on computers. It comes from a law called the 21st Century Cures Act. It started in April 2021. Since October 2022 it covers all of those facts in your records, not only some.',
  'content.records.feesCostBased':
    'For copies given to you, they may only charge what it costs them: the work to make the copy, supplies, and postage.',
  'content.records.feesFlat':
    'HHS says they may charge a flat fee of up to $6.50 instead. This is for an electronic copy of records they keep on a computer.',
  'content.records.feesThirdParty':
    'That fee limit is only for copies given to you. Since the 2020 court ruling, HHS says it does not apply when copies are sent to someone else. Ask what the fee will be before they send anything.',
  'content.records.authorizationNoClock':
    'An authorization lets the office send your records. No HIPAA deadline applies to it, so we remind you to check on it instead.',
  'content.records.authorizationRevoke':
    'You can take back an authorization at any time by writing to the office. Taking it back does not undo what they already sent.',
  'content.records.enforcement':
    'If they do not answer, follow up in writing. You can complain to the federal Office for Civil Rights. It has taken action against providers who made patients wait, in one case 564 days.',
  'content.specimens.histology':
    'Labs under the federal CLIA rules must keep glass slides of tissue for at least 10 years after the exam.',
  'content.specimens.cytology':
    'They must keep cytology slides, which hold cells (for example from a Pap test or a needle sample), for at least 5 years.',
  'content.specimens.blocks':
    'They must keep tissue blocks for only 2 years. Ask for blocks early, before they may be thrown away.',
  'content.specimens.longer':
    'These are the shortest times federal law allows. A state law or the lab’s own rules may keep them longer. Ask the lab.',

  // ---------- sourced content: checklists ----------
  'content.caseKind.cancer': 'Cancer',
  'content.caseKind.heart': 'Heart or blood vessels',
  'content.caseKind.neuro': 'Brain, nerves or spine (neurological)',
  'content.caseKind.ortho_surgical': 'Bones, joints, or a planned surgery',
  'content.caseKind.rare': 'A rare condition, or no diagnosis yet',
  'content.caseKind.general': 'Something else',
  'content.checklist.visit_notes': 'Notes from your doctor visits about this problem',
  'content.checklist.visit_notes.hint':
    'The notes the doctor wrote after each visit. Include the visit when you were told the diagnosis.',
  'content.checklist.test_results': 'Lab and test results',
  'content.checklist.test_results.hint':
    'Blood tests and other test results, with dates. Earlier results help show changes over time.',
  'content.checklist.imaging_reports': 'Written reports of scans and X-rays',
  'content.checklist.imaging_reports.hint':
    'The report the scan doctor wrote for each CT, MRI, PET, ultrasound or X-ray.',
  'content.checklist.imaging_files': 'The images themselves (disc or download)',
  'content.checklist.imaging_files.hint':
    'Ask the imaging department for a copy of the images, often on a CD. The second doctor may want to look at the pictures, not only read the report.',
  'content.checklist.medication_list': 'A list of your current medicines',
  'content.checklist.medication_list.hint':
    'Names, doses and how often you take them, including vitamins and supplements.',
  'content.checklist.treatment_plan': 'The treatment your doctor suggested',
  'content.checklist.treatment_plan.hint': 'A letter or note that says what treatment was suggested and why.',
  'content.checklist.pathology_reports': 'Pathology reports (biopsy or surgery)',
  'content.checklist.pathology_reports.hint': 'The report from the lab that looked at the tissue under a microscope.',
  'content.checklist.pathology_slides': 'Pathology slides and tissue blocks',
  'content.checklist.pathology_slides.hint':
    'The glass slides (and sometimes the tissue blocks) from your biopsy or surgery, so a second pathologist can look at them. They are tissue, not records: ask the lab with a specimen request.',
  'content.checklist.staging': 'Staging information',
  'content.checklist.staging.hint': 'Any note or report that gives the stage of the cancer.',
  'content.checklist.tumor_markers': 'Tumor marker results',
  'content.checklist.tumor_markers.hint':
    'Blood or tissue tests that track the cancer, for example PSA, CA-125, or hormone receptor results.',
  'content.checklist.genetic_tests': 'Genetic or genomic test results',
  'content.checklist.genetic_tests.hint':
    'Inherited (germline) tests, and tests of the tumor or of the disease itself.',
  'content.checklist.operative_notes': 'Operative notes',
  'content.checklist.operative_notes.hint': 'Notes from the surgeon on each operation or procedure you had.',
  'content.checklist.treatment_history': 'Treatments you already had',
  'content.checklist.treatment_history.hint':
    'Chemo, radiation or other care you had: what it was, when, and how it went.',
  'content.checklist.ecg': 'ECG (EKG) tracings and reports',
  'content.checklist.ecg.hint': 'The heart rhythm tracings, not only the summary.',
  'content.checklist.echo': 'Echocardiogram (heart ultrasound) reports',
  'content.checklist.echo.hint': 'Reports, and the images if you can get them.',
  'content.checklist.stress_test': 'Stress test results',
  'content.checklist.stress_test.hint': 'Tests of your heart while you exercise or take a drug, with any images.',
  'content.checklist.cardiac_cath': 'Heart catheterization or angiogram reports and images',
  'content.checklist.cardiac_cath.hint': 'The report and the recorded images (often on a disc).',
  'content.checklist.discharge_summaries': 'Hospital discharge summaries',
  'content.checklist.discharge_summaries.hint': 'The summary written when you left the hospital.',
  'content.checklist.eeg_emg': 'EEG, EMG or nerve test results',
  'content.checklist.eeg_emg.hint': 'Brain wave (EEG), muscle (EMG) and nerve conduction tests.',
  'content.checklist.neuropsych': 'Memory and thinking test results',
  'content.checklist.neuropsych.hint': 'Neuropsychological testing, if you had it.',
  'content.checklist.surgeon_recommendation': 'The surgeon’s recommendation',
  'content.checklist.surgeon_recommendation.hint':
    'The note or letter in which the surgeon suggests the operation, with the reasons.',
  'content.checklist.therapy_notes': 'Physical therapy or rehabilitation notes',
  'content.checklist.therapy_notes.hint': 'What was tried before surgery, and how it went.',
  'content.checklist.specialist_notes': 'Notes from every specialist you have seen',
  'content.checklist.specialist_notes.hint':
    'For a condition without a clear diagnosis, each doctor’s findings help the next one.',
  'content.checklist.symptom_diary': 'Your own record of symptoms',
  'content.checklist.symptom_diary.hint':
    'When symptoms started, how often they come, and what makes them better or worse. You can write this yourself.',
  'content.checklist.family_history': 'Family health history',
  'content.checklist.family_history.hint':
    'Health problems of parents, brothers, sisters and children, if you know them.',

  // ---------- records requests ----------
  'records.requests.title': 'Records requests',
  'records.requests.new.title': 'Write a records request letter',
  'records.requests.new.intro':
    'We write a letter that asks for your records. Print the letter or save it as a PDF. Sign it, and send it to the records office. It may be called Health Information or Release of Information.',
  'records.requests.new.kinds':
    'Copies for you, or electronic copies sent to another doctor, come under your right of access. It has a 30-day deadline. Paper copies sent to another doctor need an authorization. It has no deadline.',
  'records.requests.new.specimens': 'Need pathology slides or tissue blocks? They are not records.',
  'records.requests.new.specimensLink': 'Ask the lab with a specimen request',
  'records.requests.new.submit': 'Make the letter',
  'records.requests.created':
    'Your letter is ready. Print it or save the PDF, sign it, and send it. Then mark it as sent here.',
  'records.requests.field.providerName': 'Doctor’s office, hospital or lab',
  'records.requests.field.providerNameHint': 'For example: City Hospital, or the office of Dr. Lopez',
  'records.requests.field.providerAddress': 'Their mailing address',
  'records.requests.field.providerAddressHint':
    'The records office address, if you know it. It goes at the top of the letter.',
  'records.requests.field.providerContact': 'Records office phone, fax or email',
  'records.requests.field.providerContactHint': 'For your own notes, to follow up.',
  'records.requests.field.recordsWanted': 'Which records do you want?',
  'records.requests.field.recordsWantedHint': 'Choose all that apply. These come from your records checklist.',
  'records.requests.field.recordsOther': 'Anything else? (optional)',
  'records.requests.field.recordsOtherHint': 'For example: the MRI from March 2026 on a disc.',
  'records.requests.field.dateFrom': 'Records from (optional)',
  'records.requests.field.dateTo': 'Records up to (optional)',
  'records.requests.field.dateHint': 'Leave both blank to ask for all records about this problem.',
  'records.requests.field.format': 'In what form?',
  'records.requests.field.formatElectronic': 'On a computer (download, secure email, or a disc for scans)',
  'records.requests.field.formatElectronicHint':
    'Usually faster. They must give it to you this way if they readily can.',
  'records.requests.field.formatPaper': 'Paper copies by mail',
  'records.requests.field.formatPaperHint':
    'Paper copies sent to another doctor need an authorization. No legal deadline applies to it.',
  'records.requests.field.delivery': 'Where should they send them?',
  'records.requests.field.deliveryMe': 'To me',
  'records.requests.field.deliveryThirdParty': 'Right to another doctor, such as the one who gives the second opinion',
  'records.requests.field.deliveryThirdPartyHint':
    'Your right of access covers electronic copies sent this way. For paper copies, we write an authorization instead.',
  'records.requests.field.recipientName': 'Name of the doctor or office to send them to',
  'records.requests.field.recipientAddress': 'Their address, fax or secure email',
  'records.requests.field.notes': 'Notes for yourself',
  'records.requests.errors.providerRequired': 'Enter the name of the office, hospital or lab.',
  'records.requests.errors.recordsRequired': 'Choose at least one kind of record, or write what you need.',
  'records.requests.errors.formatRequired': 'Choose electronic or paper.',
  'records.requests.errors.deliveryRequired': 'Choose where the records should go.',
  'records.requests.errors.recipientRequired': 'Enter who should receive the records.',
  'records.requests.errors.recipientAddressRequired': 'Enter where to send the records.',
  'records.requests.errors.dateOrder': 'The end date is before the start date.',
  'records.requests.errors.reasonRequired': 'Write the reason they gave for needing more time.',
  'records.requests.errors.notSent': 'Mark the request as sent first.',
  'records.requests.errors.alreadyExtended':
    'The law allows only one extension of 30 days. This request was already extended.',
  'records.requests.errors.alreadyReceived': 'These records are already marked as received.',
  'records.requests.errors.noClock': 'No legal deadline applies to this request, so there is nothing to extend.',
  'records.requests.errors.specimenNotRecord':
    'Slides and tissue blocks are not records. Ask the lab for them with a specimen request.',
  'records.requests.status.draft': 'Not sent yet',
  'records.requests.status.waiting': 'Waiting',
  'records.requests.status.extended': 'Waiting (extended)',
  'records.requests.status.overdue': 'Overdue',
  'records.requests.status.follow_up': 'Time to check',
  'records.requests.kind.access': 'Right of access: 30-day deadline',
  'records.requests.kind.authorization': 'Authorization: no legal deadline',
  'records.requests.followUpOn': 'Check on it by {date}',
  'records.requests.followUpHelp':
    'It is time to check. Call or write to the records office and ask when they will send the copies.',
  'records.requests.status.received': 'Received',
  'records.requests.sentOn': 'Sent on {date}',
  'records.requests.dueOn': 'Due by {date}',
  'records.requests.extendedOn': 'Extended to {date}: {reason}',
  'records.requests.receivedOn': 'Received on {date}',
  'records.requests.overdueHelp':
    'The deadline has passed. Call or write to the records office and ask when they will send your records.',
  'records.requests.letterLink': 'Printable letter',
  'records.requests.pdfLink': 'Letter as PDF',
  'records.requests.track.heading': 'Keep track',
  'records.requests.track.sentHeading': 'I sent the letter',
  'records.requests.track.sentOn': 'Date sent',
  'records.requests.track.sentOnHint': 'Leave blank for today.',
  'records.requests.track.sentSubmit': 'Mark as sent',
  'records.requests.track.sentDone':
    'Marked as sent. The records are due in 30 days; we added this to your list of things to do.',
  'records.requests.track.sentDoneFollowUp':
    'Marked as sent. No legal deadline applies, so we added a reminder to check on it to your list of things to do.',
  'records.requests.track.extensionHeading': 'They told me they need more time',
  'records.requests.track.extensionHint': 'They may take 30 more days once, if they tell you in writing why.',
  'records.requests.track.reason': 'The reason they gave',
  'records.requests.track.extensionSubmit': 'Add 30 days',
  'records.requests.track.extensionDone': 'The due date is now 30 days later.',
  'records.requests.track.receivedHeading': 'The records came',
  'records.requests.track.receivedOn': 'Date received',
  'records.requests.track.receivedSubmit': 'Mark as received',
  'records.requests.track.receivedDone':
    'Marked as received. Add the records to your documents so they are kept together.',
  'records.requests.track.notesSubmit': 'Save notes',
  'records.requests.rightsHeading': 'Your rights, in short',
  'records.requests.feesHeading': 'What they may charge',
  'records.requests.followUpHeading': 'If they do not answer',
  'records.requests.taskTitle': 'Records due from {provider}',
  'records.requests.followUpTaskTitle': 'Check on the records from {provider}',
  'records.requests.authorizationHeading': 'About this authorization',
  'records.requests.wantedHeading': 'Records asked for',
  'records.requests.deliveryTo': 'Send to: {name}',

  // ---------- the letter (the patient's own words) ----------
  'records.letter.title': 'Records request letter',
  'records.letter.printHelp': 'Print this page, sign it, and send it to the records office. Keep a copy.',
  'records.letter.toRecords': 'Attention: Medical Records / Release of Information',
  'records.letter.addressBlank': 'Address: ______________________________',
  'records.letter.phoneBlank': 'Phone or email: _________________________',
  'records.letter.subject': 'Please send me a copy of my health records (HIPAA, 45 CFR 164.524)',
  'records.letter.subjectDirective': 'Please send my records to the doctor I name (HIPAA, 45 CFR 164.524)',
  'records.letter.subjectAuthorization':
    'You may send copies of my records to the doctor I name. This is my HIPAA authorization (45 CFR 164.508).',
  'records.letter.greeting': 'To the records office:',
  'records.letter.opening':
    'I ask for a copy of my health records. The HIPAA Privacy Rule (45 CFR 164.524) gives me this right.',
  'records.letter.openingDirective':
    'Please send a copy of my health records straight to another person. HIPAA gives me this right for the records in your electronic health record (45 CFR 164.524).',
  'records.letter.openingAuthorization':
    'I allow {provider} to send copies of the records listed below to the person named here.',
  'records.letter.identity': 'My name is {name}. My date of birth is {dob}.',
  'records.letter.dobBlank': '____________',
  'records.letter.wantedIntro': 'Please send the following records, {range}:',
  'records.letter.rangeAll': 'for all dates',
  'records.letter.rangeBoth': 'from {from} to {to}',
  'records.letter.rangeFrom': 'from {from} to today',
  'records.letter.rangeTo': 'up to {to}',
  'records.letter.formatElectronic':
    'Please send them in electronic form: for example through a patient portal, by secure email, or on a CD or USB drive for images. Please include the image files of any scans and X-rays, not only the reports.',
  'records.letter.formatPaper':
    'Please send paper copies by mail. For scans and X-rays, please include the images on a CD or other media as well as the reports.',
  'records.letter.deliveryMe': 'Please send the records to me at the address above.',
  'records.letter.deliveryThirdParty':
    'Please send the electronic copy straight to {name}, {address}. This is my written, signed request that you send it to this person.',
  'records.letter.directiveEhrOnly':
    'This request covers the records you keep in an electronic health record. If some of the records above are kept only on paper, please tell me which ones, so I can ask for them another way.',
  'records.letter.authorizationRecipient': 'Who may receive them: {name}, {address}.',
  'records.letter.authorizationPurpose': 'Why: at my request, for a second medical opinion.',
  'records.letter.authorizationExpires': 'This authorization ends one year after the date I sign it.',
  'records.letter.authorizationRevoke':
    'I may take back this authorization at any time by writing to you. Taking it back does not undo what you already did because of it.',
  'records.letter.authorizationCondition':
    'You may not make my treatment, payment, health plan enrollment or benefits depend on whether I sign this.',
  'records.letter.authorizationRedisclose':
    'The person who gets the records may share them again. Then federal privacy law may no longer protect them.',
  'records.letter.authorizationTiming':
    'Please send the copies as soon as you can, or tell me if you cannot send them.',
  'records.letter.deadline':
    'I understand you must act on this request within 30 days of receiving it. If you need more time, please tell me in writing within those 30 days why, and the date I can expect the records.',
  'records.letter.fees':
    'These copies are for me, so any fee must be a reasonable, cost-based fee (45 CFR 164.524). Please tell me the amount before you send the records.',
  'records.letter.feesThirdParty':
    'If there is a fee for sending copies to someone else, please tell me the amount before you send the records.',
  'records.letter.cures': 'If my records are kept on a computer, please share them with me without delay.',
  'records.letter.contact':
    'If you have questions about this request, please contact me at the phone number or email above.',
  'records.letter.closing': 'Thank you,',
  'records.letter.signature': 'Signature: ________________________________',
  'records.letter.printedName': 'Printed name: {name}',
  'records.letter.signDate': 'Date: _________________',
  'records.letter.representative':
    'If someone signs for me: their name, and how they are allowed to act for me: ______________',

  // ---------- specimen requests: slides and blocks sent from one lab to another ----------
  'records.specimens.created':
    'Your letter to the lab is ready. Print it or save the PDF, sign it, and send it. Then mark it as sent here.',
  'records.specimens.new.title': 'Ask a lab to send slides or blocks',
  'records.specimens.new.intro':
    'A second pathologist can look at your glass slides or tissue blocks. We write a letter from you to the lab that keeps them. It asks the lab to send them to the pathology department that gives the second opinion. The accession numbers are on your pathology report.',
  'records.specimens.new.submit': 'Make the letter',
  'records.specimens.factsHeading': 'How long labs keep slides and blocks',
  'records.specimens.field.labHeading': 'The lab that has them',
  'records.specimens.field.labName': 'Name of the lab or pathology department',
  'records.specimens.field.labNameHint':
    'It is often named at the top of your pathology report. For example: City Hospital Pathology.',
  'records.specimens.field.labAddress': 'The lab’s mailing address',
  'records.specimens.field.labAddressHint': 'It goes at the top of the letter.',
  'records.specimens.field.labContact': 'Lab phone, fax or email',
  'records.specimens.field.labContactHint': 'For your own notes, to follow up.',
  'records.specimens.field.specimensHeading': 'Slides and blocks to send',
  'records.specimens.field.specimensHint': 'Fill in one part for each accession number. Leave the rest blank.',
  'records.specimens.field.row': 'Specimen {n}',
  'records.specimens.field.accession': 'Accession number',
  'records.specimens.field.accessionHint': 'The case number on your pathology report. For example: S26-1234.',
  'records.specimens.field.kind': 'What to send',
  'records.specimens.field.count': 'How many',
  'records.specimens.field.countHint': 'Leave blank to ask for all of them.',
  'records.specimens.field.recipientHeading': 'Where to send them',
  'records.specimens.field.recipientName': 'Pathology department that gives the second opinion',
  'records.specimens.field.recipientNameHint': 'For example: Pathology Department, University Cancer Center.',
  'records.specimens.field.recipientAddress': 'Their mailing address',
  'records.specimens.field.recipientContact': 'Contact person there',
  'records.specimens.field.recipientPhone': 'Their phone number',
  'records.specimens.kind.stained_slides': 'Stained glass slides',
  'records.specimens.kind.unstained_slides': 'Unstained slides cut from the block',
  'records.specimens.kind.blocks': 'Tissue blocks (paraffin blocks)',
  'records.specimens.errors.labRequired': 'Enter the name of the lab that has the slides or blocks.',
  'records.specimens.errors.labAddressRequired': 'Enter the lab’s mailing address, so the letter can reach it.',
  'records.specimens.errors.recipientRequired': 'Enter the pathology department that should get the slides or blocks.',
  'records.specimens.errors.recipientAddressRequired': 'Enter where the lab should send the slides or blocks.',
  'records.specimens.errors.specimensRequired': 'Add at least one accession number and what to send.',
  'records.specimens.errors.accessionRequired': 'Enter the accession number. It is on the pathology report.',
  'records.specimens.errors.kindRequired': 'Choose what to send: slides or blocks.',
  'records.specimens.errors.count': 'Enter how many as a number, or leave it blank for all of them.',
  'records.specimens.errors.notForward':
    'That step is already done. If it was marked by mistake, undo the last step first.',
  'records.specimens.errors.dateBeforeLast': 'This date is before the date of the last step. Check the date.',
  'records.specimens.errors.nothingToUndo': 'There is no step to undo yet.',
  'records.specimens.status.draft': 'Letter not sent yet',
  'records.specimens.status.requested': 'Asked the lab',
  'records.specimens.status.sent': 'On the way',
  'records.specimens.status.received': 'Arrived',
  'records.specimens.status.returned': 'Sent back to the lab',
  'records.specimens.dates.requested': 'Asked on {date}',
  'records.specimens.dates.sent': 'Lab sent them on {date}',
  'records.specimens.dates.received': 'Arrived on {date}',
  'records.specimens.dates.returned': 'Sent back on {date}',
  'records.specimens.listTitle': 'Slides and blocks from {lab}',
  'records.specimens.fromTo': 'From {lab} to {recipient}.',
  'records.specimens.trackingNumber': 'Tracking number: {tracking}',
  'records.specimens.draftHelp': 'Print the letter, sign it, and send it to the lab. Then mark it as sent here.',
  'records.specimens.task.checkSent': 'Check that {lab} sent the slides or blocks',
  'records.specimens.task.checkReceived': 'Check that {recipient} got the slides or blocks',
  'records.specimens.track.requestedHeading': 'I sent the letter to the lab',
  'records.specimens.track.requestedOn': 'Date you sent the letter',
  'records.specimens.track.requestedSubmit': 'Mark the letter as sent',
  'records.specimens.track.requestedDone':
    'Marked as sent. We will remind you in 2 weeks to check that the lab sent them.',
  'records.specimens.track.sentHeading': 'The lab sent them',
  'records.specimens.track.sentOn': 'Date the lab sent them',
  'records.specimens.track.tracking': 'Tracking number, if they gave one',
  'records.specimens.track.sentSubmit': 'Mark as sent by the lab',
  'records.specimens.track.sentDone': 'Marked as on the way. We will remind you in a week to check that they arrived.',
  'records.specimens.track.receivedHeading': 'They arrived',
  'records.specimens.track.receivedOn': 'Date they arrived',
  'records.specimens.track.receivedSubmit': 'Mark as arrived',
  'records.specimens.track.receivedDone': 'Marked as arrived. The checklist is updated.',
  'records.specimens.track.returnedHeading': 'They were sent back to the lab',
  'records.specimens.track.returnedOn': 'Date they were sent back',
  'records.specimens.track.returnedSubmit': 'Mark as sent back',
  'records.specimens.track.returnedDone': 'Marked as sent back to the lab.',
  'records.specimens.track.undoHeading': 'Marked a step by mistake?',
  'records.specimens.track.undoHint': 'This takes back the last step: “{step}”. Its date is cleared.',
  'records.specimens.track.undoSubmit': 'Undo the last step',
  'records.specimens.track.undoDone': 'The last step was taken back.',
  'records.specimens.letter.title': 'Letter to the lab',
  'records.specimens.letter.printHelp': 'Print this page, sign it, and send it to the lab. Keep a copy.',
  'records.specimens.letter.toLab': 'Attention: Pathology Department',
  'records.specimens.letter.subject': 'Please send my pathology slides and tissue blocks for a second opinion',
  'records.specimens.letter.greeting': 'To the pathology department:',
  'records.specimens.letter.opening':
    'I am getting a second opinion on my pathology. Please send the slides and tissue blocks listed below to the pathology department named in this letter.',
  'records.specimens.letter.listIntro': 'These are the specimens to send:',
  'records.specimens.letter.item': 'Accession number {accession}: {what}. Number: {count}',
  'records.specimens.letter.itemAll': 'Accession number {accession}: {what}. Number: all of them',
  'records.specimens.letter.sendTo': 'Please send them to {name}, {address}.',
  'records.specimens.letter.contact': 'The contact there is {contact}.',
  'records.specimens.letter.report': 'Please send a copy of the pathology report with each one.',
  'records.specimens.letter.return': 'If you need the slides or blocks back, please say so when you send them.',
  'records.specimens.letter.tellMe': 'Please tell me the date you send them, and the tracking number if there is one.',
  'records.specimens.letter.fees': 'If there is a fee, please tell me the amount before you send them.',

  // ---------- checklist ----------
  'records.checklist.title': 'Records checklist',
  'records.checklist.intro':
    'The records a second-opinion doctor usually needs for this kind of case. Mark each one as you ask for it and when it arrives.',
  'records.checklist.kindHeading': 'What kind of case is this?',
  'records.checklist.kindHint': 'We picked one from what the doctor said. Change it if it does not fit.',
  'records.checklist.kindSubmit': 'Use this checklist',
  'records.checklist.kindSaved': 'The checklist is ready.',
  'records.checklist.itemsHeading': 'Where each record stands',
  'records.checklist.saveStatuses': 'Save the checklist',
  'records.checklist.saved': 'The checklist is saved.',
  'records.checklist.linked': 'Documents for this: ',
  'records.checklist.noLinks': 'Link documents to this item from each document’s page.',
  'records.checklist.status.needed': 'Still needed',
  'records.checklist.status.requested': 'Asked for',
  'records.checklist.status.received': 'Received',
  'records.checklist.status.not_applicable': 'Does not apply',
  'records.checklist.errors.kindRequired': 'Choose the kind of case.',
  'records.checklist.errors.unknownItem': 'One of the items is not on this checklist.',
  'records.checklist.complete': 'Every record on the checklist is received or does not apply.',
  'records.documents.linksHeading': 'Which checklist items does this document count for?',
  'records.documents.linksHint': 'Checking an item marks it as received.',
  'records.documents.linksSubmit': 'Save the checklist items',
  'records.documents.linksSaved': 'Saved. The checklist is updated.',
  'records.documents.linksNoChecklist': 'Choose the kind of case on the records checklist first.',

  // ---------- timeline ----------
  'records.timeline.title': 'Health timeline',
  'records.timeline.intro':
    'Everything we read from files exported from patient portals, newest first. It covers all of this person’s cases.',
  'records.timeline.none':
    'Nothing yet. Add a file exported from a patient portal (C-CDA XML or FHIR JSON) and we will read it.',
  'records.timeline.filter': 'Show',
  'records.timeline.all': 'Everything',
  'records.timeline.filterSubmit': 'Show',
  'records.timeline.undated': 'No date',
  'records.timeline.from': 'From: {title}',
  'records.timeline.more': 'Show older items',
  'records.timeline.value': 'Result: {value}',
  'records.timeline.value.allergy': 'Reaction: {value}',
  'records.timeline.value.medication': 'How to take it: {value}',
  'records.timeline.value.report': 'Conclusion: {value}',
  'records.timeline.value.imaging': 'Size: {value}',
  'records.timeline.status': 'Status: {status}',
  'records.timeline.until': 'until {date}',
  'records.category.condition': 'Condition',
  'records.category.medication': 'Medicine',
  'records.category.allergy': 'Allergy',
  'records.category.procedure': 'Procedure',
  'records.category.lab': 'Lab result',
  'records.category.vital': 'Vital sign',
  'records.category.encounter': 'Visit',
  'records.category.immunization': 'Vaccine',
  'records.category.report': 'Report',
  'records.category.imaging': 'Imaging',

  // ---------- tests already done ----------
  'records.testsDone.title': 'Tests already done',
  'records.testsDone.intro':
    'Tests, scans and procedures found in your records, newest first. Show this list to the second-opinion doctor, so tests are not repeated without need. Ask the doctor before you turn down any test.',
  'records.testsDone.none': 'Nothing yet. Add imaging, pathology or lab reports, or a file from your patient portal.',
  'records.testsDone.what': 'Test',
  'records.testsDone.kind': 'Kind',
  'records.testsDone.when': 'When',
  'records.testsDone.where': 'Where',
  'records.testsDone.times': '{count} times, from {first} to {last}',
  'records.testsDone.kind.lab': 'Lab test',
  'records.testsDone.kind.procedure': 'Procedure',
  'records.testsDone.kind.imaging': 'Imaging',
  'records.testsDone.kind.report': 'Report',
  'records.testsDone.kind.pathology': 'Pathology',
  'records.testsDone.unknown': 'Not known',

  // ---------- search ----------
  'records.search.title': 'Search your records',
  'records.search.label': 'Search words',
  'records.search.hint':
    'For example: biopsy, metformin, MRI. Searches document text and health items for this person.',
  'records.search.submit': 'Search',
  'records.search.results': '{count} results for “{q}”',
  'records.search.none': 'Nothing found for “{q}”. Try fewer or shorter words.',
  'records.search.document': 'Document',

  // ---------- the same items, as the patient names them in a request letter ----------
  'content.checklist.visit_notes.letter': 'Notes from my visits about this problem',
  'content.checklist.test_results.letter': 'Lab and test results',
  'content.checklist.imaging_reports.letter': 'Reports of my scans and X-rays',
  'content.checklist.imaging_files.letter': 'The image files of my scans and X-rays (on a disc or by download)',
  'content.checklist.medication_list.letter': 'My current medication list',
  'content.checklist.treatment_plan.letter': 'The notes or letters that describe the treatment proposed for me',
  'content.checklist.pathology_reports.letter': 'Pathology reports (biopsy or surgery)',
  'content.checklist.staging.letter': 'Notes or reports that give the stage of my cancer',
  'content.checklist.tumor_markers.letter': 'Tumor marker results',
  'content.checklist.genetic_tests.letter': 'Genetic or genomic test results',
  'content.checklist.operative_notes.letter': 'Operative and procedure notes',
  'content.checklist.treatment_history.letter': 'Records of care I have already had, such as chemo or radiation',
  'content.checklist.ecg.letter': 'ECG (EKG) tracings and reports',
  'content.checklist.echo.letter': 'Echocardiogram reports and images',
  'content.checklist.stress_test.letter': 'Stress test results and images',
  'content.checklist.cardiac_cath.letter': 'Heart catheterization or angiogram reports and images',
  'content.checklist.discharge_summaries.letter': 'Hospital discharge summaries',
  'content.checklist.eeg_emg.letter': 'EEG, EMG and nerve conduction test results',
  'content.checklist.neuropsych.letter': 'Neuropsychological test results',
  'content.checklist.surgeon_recommendation.letter': 'The surgeon’s notes recommending surgery',
  'content.checklist.therapy_notes.letter': 'Physical therapy and rehabilitation notes',
  'content.checklist.specialist_notes.letter': 'Notes from every specialist I have seen for this problem',
  'content.checklist.symptom_diary.letter': 'Notes that record my symptoms',
  'content.checklist.family_history.letter': 'My family health history, as recorded',
} as const;
