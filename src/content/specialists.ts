import type { Source, SourcedItem } from './types.ts';

// Who might help with a third opinion, by ICD-10-CM code range. Each row is two facts: the
// range and its title come from CDC's ICD-10-CM tabular list (the block titles are in
// data/reference/icd10cm/icd10cm-sections-April-1-2026.csv, derived from it), and the kind
// of doctor comes from the specialty boards that certify them (ABMS member boards). Ranges
// are of 3-character categories, both ends included; where ranges nest, the narrowest row
// that holds a code wins (C50 breast cancer before C00-C96 all cancers). The lookup lives in
// src/features/opinions/guidance.ts; docs/decisions/0164-who-might-help-by-code-range.md.
// It names kinds of doctor only (navigation), never a treatment.

const REVIEWED = '2026-12-07';

const CDC_URL = 'https://www.cdc.gov/nchs/icd/icd-10-cm/files.html';
const cdc = (blocks: string): Source => ({ title: `CDC/NCHS ICD-10-CM Tabular List (FY2026): ${blocks}`, url: CDC_URL });

/** What each specialty treats, from the boards that certify it. */
export const SPECIALTY_SOURCES = {
  internalMedicine: {
    title: 'ABMS Certification Matters: American Board of Internal Medicine (internal medicine and its subspecialties: cardiology, hematology, medical oncology, nephrology, pulmonary disease, gastroenterology, endocrinology, rheumatology, infectious disease)',
    url: 'https://www.certificationmatters.org/board/internal-medicine/',
  },
  obstetricsGynecology: {
    title: 'American Board of Obstetrics and Gynecology: obstetrics and gynecology, and its subspecialties (gynecologic oncology, maternal-fetal medicine)',
    url: 'https://www.abog.org/about-abog/news-announcements/2024/04/22/significance-of-certification-and-professional-behaviors',
  },
  urology: {
    title: 'American Board of Urology: about the board (urologists evaluate and treat urological disorders, including cancer)',
    url: 'https://www.abu.org/about/',
  },
  memberBoards: {
    title: 'American Board of Medical Specialties: specialty and subspecialty certificates of the member boards (surgery, neurology, psychiatry, ophthalmology, otolaryngology, dermatology, orthopaedic surgery, neurological surgery, allergy and immunology)',
    url: 'https://www.abms.org/member-boards/specialty-subspecialty-certificates/',
  },
} satisfies Record<string, Source>;

export interface SpecialtyRange extends SourcedItem {
  /** First 3-character category of the range, e.g. "C00". */
  from: string;
  /** Last 3-character category, included, e.g. "C96". */
  to: string;
  /** The CDC blocks (sections) the range is made of, or that hold it, as the tabular list names them. */
  blocks: string[];
  /**
   * A kind of condition: two diagnoses of different groups in one opinion are "two
   * conditions" (someone who treats both may help); C50 and C77 are one group, cancer.
   */
  group: string;
  specialtySource: Source;
}

const row = (
  id: string,
  from: string,
  to: string,
  blocks: string[],
  group: string,
  text: SpecialtyRange['text'],
  specialtySource: Source,
  blockTitles: string,
): SpecialtyRange => ({
  id: `who.${id}`,
  from,
  to,
  blocks,
  group,
  text,
  source: cdc(blockTitles),
  specialtySource,
  reviewed: REVIEWED,
  trigger: `compare page, "Who might help", when two opinions disagree and a diagnosis (coded, or found from its words) is in ${from === to ? from : `${from}-${to}`}`,
});

const S = SPECIALTY_SOURCES;

export const SPECIALTY_RANGES: SpecialtyRange[] = [
  // ---- Chapter 2, neoplasms: malignant (C00-C96), in situ (D00-D09), benign or uncertain (D10-D49) ----
  row('cancer', 'C00', 'C96', ['C00-C96'], 'cancer', 'content.who.cancer', S.internalMedicine, 'Malignant neoplasms (C00-C96)'),
  row('headNeckCancer', 'C00', 'C14', ['C00-C14'], 'cancer', 'content.who.headNeckCancer', S.memberBoards, 'Malignant neoplasms of lip, oral cavity and pharynx (C00-C14)'),
  row('breastCancer', 'C50', 'C50', ['C50'], 'cancer', 'content.who.breastCancer', S.memberBoards, 'Malignant neoplasms of breast (C50)'),
  row('gynCancer', 'C51', 'C58', ['C51-C58'], 'cancer', 'content.who.gynCancer', S.obstetricsGynecology, 'Malignant neoplasms of female genital organs (C51-C58)'),
  row('uroCancer', 'C60', 'C68', ['C60-C63', 'C64-C68'], 'cancer', 'content.who.uroCancer', S.urology, 'Malignant neoplasms of male genital organs (C60-C63); of urinary tract (C64-C68)'),
  row('eyeBrainCancer', 'C69', 'C72', ['C69-C72'], 'cancer', 'content.who.eyeBrainCancer', S.memberBoards, 'Malignant neoplasms of eye, brain and other parts of central nervous system (C69-C72)'),
  row('bloodCancer', 'C81', 'C96', ['C81-C96'], 'cancer', 'content.who.bloodCancer', S.internalMedicine, 'Malignant neoplasms of lymphoid, hematopoietic and related tissue (C81-C96)'),
  row('inSitu', 'D00', 'D09', ['D00-D09'], 'cancer', 'content.who.inSitu', S.internalMedicine, 'In situ neoplasms (D00-D09)'),
  row('inSituBreast', 'D05', 'D05', ['D00-D09'], 'cancer', 'content.who.breastCancer', S.memberBoards, 'In situ neoplasms (D00-D09): D05 carcinoma in situ of breast'),
  row('inSituCervix', 'D06', 'D06', ['D00-D09'], 'cancer', 'content.who.gynCancer', S.obstetricsGynecology, 'In situ neoplasms (D00-D09): D06 carcinoma in situ of cervix uteri'),
  row(
    'benign',
    'D10',
    'D49',
    ['D10-D36', 'D3A', 'D37-D48', 'D49'],
    'growth',
    'content.who.benign',
    S.memberBoards,
    'Benign neoplasms (D10-D36, D3A); neoplasms of uncertain behavior (D37-D48); neoplasms of unspecified behavior (D49)',
  ),
  row('benignBreast', 'D24', 'D24', ['D10-D36'], 'breast', 'content.who.breastSpecialist', S.memberBoards, 'Benign neoplasms (D10-D36): D24 benign neoplasm of breast'),
  row('benignFemale', 'D25', 'D28', ['D10-D36'], 'women', 'content.who.gynecologist', S.obstetricsGynecology, 'Benign neoplasms (D10-D36): D25-D28 uterus, ovary and other female genital organs'),
  row('benignBrain', 'D32', 'D33', ['D10-D36'], 'nerves', 'content.who.neurosurgeon', S.memberBoards, 'Benign neoplasms (D10-D36): D32-D33 meninges, brain and central nervous system'),
  row('uncertainBlood', 'D45', 'D47', ['D37-D48'], 'blood', 'content.who.hematologist', S.internalMedicine, 'Neoplasms of uncertain behavior (D37-D48): D45-D47 polycythemia vera, myelodysplastic syndromes, lymphoid and hematopoietic tissue'),
  // ---- Chapter 3, blood and immune system ----
  row('blood', 'D50', 'D78', ['D50-D53', 'D55-D59', 'D60-D64', 'D65-D69', 'D70-D77', 'D78'], 'blood', 'content.who.hematologist', S.internalMedicine, 'Diseases of the blood and blood-forming organs (D50-D78)'),
  row('immune', 'D80', 'D89', ['D80-D89'], 'immune', 'content.who.immunologist', S.memberBoards, 'Certain disorders involving the immune mechanism (D80-D89)'),
  // ---- Chapters 4 to 8 ----
  row('endocrine', 'E00', 'E35', ['E00-E07', 'E08-E13', 'E15-E16', 'E20-E35'], 'glands', 'content.who.endocrinologist', S.internalMedicine, 'Disorders of thyroid gland (E00-E07); diabetes mellitus (E08-E13); glucose regulation (E15-E16); other endocrine glands (E20-E35)'),
  row('mental', 'F01', 'F99', ['F01-F09'], 'mind', 'content.who.psychiatrist', S.memberBoards, 'Mental, behavioral and neurodevelopmental disorders (F01-F99)'),
  row('dementia', 'F01', 'F03', ['F01-F09'], 'memory', 'content.who.memory', S.memberBoards, 'Mental disorders due to known physiological conditions (F01-F09): F01-F03 dementia'),
  row('nervous', 'G00', 'G99', ['G00-G09'], 'nerves', 'content.who.neurologist', S.memberBoards, 'Diseases of the nervous system (G00-G99)'),
  row('eye', 'H00', 'H59', ['H00-H05'], 'eye', 'content.who.ophthalmologist', S.memberBoards, 'Diseases of the eye and adnexa (H00-H59)'),
  row('ear', 'H60', 'H95', ['H60-H62'], 'ent', 'content.who.ent', S.memberBoards, 'Diseases of the ear and mastoid process (H60-H95)'),
  // ---- Chapter 9, circulatory system ----
  row(
    'heart',
    'I00',
    'I5A',
    ['I00-I02', 'I05-I09', 'I10-I1A', 'I20-I25', 'I26-I28', 'I30-I5A'],
    'heart',
    'content.who.cardiologist',
    S.internalMedicine,
    'Rheumatic fever and heart diseases (I00-I09); hypertensive diseases (I10-I1A); ischemic heart diseases (I20-I25); pulmonary heart disease (I26-I28); other forms of heart disease (I30-I5A)',
  ),
  row('stroke', 'I60', 'I69', ['I60-I69'], 'nerves', 'content.who.strokeNeurologist', S.memberBoards, 'Cerebrovascular diseases (I60-I69)'),
  row('vessels', 'I70', 'I89', ['I70-I79', 'I80-I89'], 'vessels', 'content.who.vascular', S.memberBoards, 'Diseases of arteries, arterioles and capillaries (I70-I79); of veins, lymphatic vessels and lymph nodes (I80-I89)'),
  // ---- Chapters 10 to 12 ----
  row('lung', 'J00', 'J99', ['J00-J06'], 'lungs', 'content.who.pulmonologist', S.internalMedicine, 'Diseases of the respiratory system (J00-J99)'),
  row('noseThroat', 'J30', 'J39', ['J30-J39'], 'ent', 'content.who.ent', S.memberBoards, 'Other diseases of upper respiratory tract (J30-J39)'),
  row('digestive', 'K20', 'K95', ['K20-K31'], 'gut', 'content.who.gastroenterologist', S.internalMedicine, 'Diseases of the digestive system from the esophagus on (K20-K95)'),
  row('hernia', 'K40', 'K46', ['K40-K46'], 'gut', 'content.who.generalSurgeon', S.memberBoards, 'Hernia (K40-K46)'),
  row('skin', 'L00', 'L99', ['L00-L08'], 'skin', 'content.who.dermatologist', S.memberBoards, 'Diseases of the skin and subcutaneous tissue (L00-L99)'),
  // ---- Chapter 13, musculoskeletal ----
  row('musculoskeletal', 'M00', 'M99', ['M00-M25'], 'bones', 'content.who.bonesJoints', S.memberBoards, 'Diseases of the musculoskeletal system and connective tissue (M00-M99)'),
  row('inflammatoryJoints', 'M05', 'M14', ['M05-M14'], 'joints', 'content.who.rheumatologist', S.internalMedicine, 'Inflammatory polyarthropathies (M05-M14)'),
  row('connectiveTissue', 'M30', 'M36', ['M30-M36'], 'joints', 'content.who.rheumatologist', S.internalMedicine, 'Systemic connective tissue disorders (M30-M36)'),
  row('wearJoints', 'M15', 'M25', ['M15-M19', 'M20-M25'], 'bones', 'content.who.orthopedist', S.memberBoards, 'Osteoarthritis (M15-M19); other joint disorders (M20-M25)'),
  row('spine', 'M40', 'M54', ['M40-M54'], 'spine', 'content.who.spine', S.memberBoards, 'Dorsopathies (M40-M54)'),
  // ---- Chapter 14, genitourinary: kidneys, urinary tract and male organs apart from breast and female organs ----
  row('kidney', 'N00', 'N19', ['N00-N08', 'N10-N16', 'N17-N19'], 'kidney', 'content.who.nephrologist', S.internalMedicine, 'Glomerular diseases (N00-N08); renal tubulo-interstitial diseases (N10-N16); acute kidney failure and chronic kidney disease (N17-N19)'),
  row('stones', 'N20', 'N23', ['N20-N23'], 'urinary', 'content.who.urologist', S.urology, 'Urolithiasis (N20-N23)'),
  row('kidneyOther', 'N25', 'N29', ['N25-N29'], 'kidney', 'content.who.nephrologist', S.internalMedicine, 'Other disorders of kidney and ureter (N25-N29)'),
  row('urinaryMale', 'N30', 'N53', ['N30-N39', 'N40-N53'], 'urinary', 'content.who.urologist', S.urology, 'Other diseases of the urinary system (N30-N39); diseases of male genital organs (N40-N53)'),
  row('breast', 'N60', 'N65', ['N60-N65'], 'breast', 'content.who.breastSpecialist', S.memberBoards, 'Disorders of breast (N60-N65)'),
  row('femaleGenital', 'N70', 'N98', ['N70-N77', 'N80-N98'], 'women', 'content.who.gynecologist', S.obstetricsGynecology, 'Inflammatory diseases of female pelvic organs (N70-N77); noninflammatory disorders of female genital tract (N80-N98)'),
  // ---- Other chapters ----
  row('pregnancy', 'O00', 'O9A', ['O00-O08'], 'pregnancy', 'content.who.obstetrician', S.obstetricsGynecology, 'Pregnancy, childbirth and the puerperium (O00-O9A)'),
  row('infection', 'A00', 'B99', ['A00-A09', 'B99'], 'infection', 'content.who.infectious', S.internalMedicine, 'Certain infectious and parasitic diseases (A00-B99)'),
  row('symptoms', 'R00', 'R99', ['R00-R09', 'R99'], 'symptoms', 'content.who.internist', S.internalMedicine, 'Symptoms, signs and abnormal clinical and laboratory findings, not elsewhere classified (R00-R99)'),
];
