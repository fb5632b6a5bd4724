import type { Source } from './types.ts';

// The words people use for a condition, and how ICD-10-CM code titles say it. The code
// search (src/features/codes/icd10.ts) reads these lists; nothing here is shown as text.
// Every group cites an official plain-language page that gives both names (MedlinePlus,
// the U.S. National Library of Medicine's site for patients, unless said otherwise), so
// that "heart attack" finding "myocardial infarction" rests on a source and not on us.
// Reviewed = the day the pairing was checked; see docs/decisions/0169-search-in-peoples-words.md.

const REVIEWED = '2026-12-07';

/** A MedlinePlus health topic page. */
const mp = (slug: string, title: string): Source => ({ title: `MedlinePlus: ${title}`, url: `https://medlineplus.gov/${slug}.html` });
/** A MedlinePlus medical encyclopedia article. */
const ency = (id: string, title: string): Source => ({ title: `MedlinePlus Medical Encyclopedia: ${title}`, url: `https://medlineplus.gov/ency/article/${id}.htm` });

const WORD_PARTS: Source = {
  title: 'MedlinePlus: Understanding Medical Words, Appendix A: Word parts and what they mean',
  url: 'https://medlineplus.gov/appendixa.html',
};
const WHO_ICD10: Source = {
  title: 'World Health Organization: ICD-10 Version 2019 (British spellings of the same classification, e.g. "oesophagus", "haemorrhage")',
  url: 'https://icd.who.int/browse10/2019/en',
};

/**
 * Plain words for a condition. `said` is what people type (any word order, small words
 * such as "the", "my" and "in" ignored); `means` is how code titles say it (a code matches
 * one of them when its title has all the words). `replace` keeps the typed words out of
 * the search, for abbreviations and phrases whose own words would find the wrong codes
 * ("mi" is not "migraine"; "heart attack" titles do not say "attack").
 */
export interface SynonymGroup {
  id: string;
  said: string[];
  means: string[];
  replace: boolean;
  source: Source;
  reviewed: string;
  /** Where and when the app uses it, for the content report. */
  trigger: string;
}

/** Words that mean the same thing in titles: an organ's plain name and its adjective, two spellings, a verb form. */
export interface WordForms {
  id: string;
  /** Each one a word or a short phrase; a query word finds titles with any of them. */
  forms: string[];
  source: Source;
  reviewed: string;
  trigger: string;
}

const trigger = (words: string) =>
  `code search (the code page, GET /api/v1/codes/icd10 and the opinion form's code box) and the comparison's code guess for an uncoded diagnosis: when the words include ${words}`;

function say(id: string, said: string[], means: string[], source: Source, replace = true): SynonymGroup {
  return { id: `icd10.syn.${id}`, said, means, replace, source, reviewed: REVIEWED, trigger: trigger(`"${said[0]}"`) };
}

function forms(id: string, list: string[], source: Source): WordForms {
  return { id: `icd10.forms.${id}`, forms: list, source, reviewed: REVIEWED, trigger: trigger(`one of: ${list.map((w) => `"${w}"`).join(', ')}`) };
}

/** "Inflammation of the pancreas" and "inflamed pancreas" are pancreatitis: -itis means inflammation. */
function inflamed(id: string, organ: string[], means: string[], source: Source): SynonymGroup {
  const said = organ.flatMap((o) => [`inflammation of the ${o}`, `inflamed ${o}`, `${o} inflammation`]);
  return say(id, said, means, source);
}

export const ICD10_SYNONYMS: SynonymGroup[] = [
  // ---- heart and blood vessels ----
  say('heartAttack', ['heart attack', 'mi', 'ami'], ['myocardial infarction'], mp('heartattack', 'Heart Attack (also called myocardial infarction, MI)')),
  say('highBloodPressure', ['high blood pressure', 'blood pressure too high', 'hbp', 'htn', 'high bp'], ['hypertension'], mp('highbloodpressure', 'High Blood Pressure (also called hypertension, HBP)')),
  say('lowBloodPressure', ['low blood pressure', 'low bp'], ['hypotension'], mp('lowbloodpressure', 'Low Blood Pressure (also called hypotension)')),
  say('highCholesterol', ['high cholesterol', 'cholesterol', 'high blood cholesterol'], ['hypercholesterolemia'], mp('cholesterol', 'Cholesterol (high cholesterol is also called hypercholesterolemia)')),
  say('heartFailure', ['congestive heart failure', 'chf', 'cardiac failure'], ['heart failure'], mp('heartfailure', 'Heart Failure (also called congestive heart failure, CHF)')),
  say('arrhythmia', ['irregular heartbeat', 'irregular heart beat', 'irregular heart rhythm', 'heart rhythm problem', 'uneven heartbeat'], ['arrhythmia'], mp('arrhythmia', 'Arrhythmia (a problem with the rate or rhythm of the heartbeat)')),
  say('fastHeartbeat', ['fast heartbeat', 'fast heart rate', 'rapid heartbeat', 'rapid heart rate', 'racing pulse', 'fast pulse'], ['tachycardia'], mp('arrhythmia', 'Arrhythmia (tachycardia: the heart beats too fast)')),
  say('slowHeartbeat', ['slow heartbeat', 'slow heart rate', 'slow pulse'], ['bradycardia'], mp('arrhythmia', 'Arrhythmia (bradycardia: the heart beats too slowly)')),
  say('afib', ['afib', 'a fib', 'af'], ['atrial fibrillation'], mp('atrialfibrillation', 'Atrial Fibrillation (also called AF, AFib)')),
  say('palpitations', ['racing heart', 'heart racing', 'pounding heart', 'heart pounding', 'fluttering heart', 'heart fluttering', 'skipped heartbeat', 'heart skipping'], ['palpitations'], ency('003081', 'Heart palpitations')),
  say('cardiomyopathy', ['weak heart muscle', 'heart muscle disease', 'enlarged heart muscle', 'thick heart muscle', 'weakened heart muscle', 'stiff heart muscle'], ['cardiomyopathy'], mp('cardiomyopathy', 'Cardiomyopathy (diseases of the heart muscle)')),
  say('leakyValve', ['leaky', 'leaking'], ['insufficiency', 'regurgitation'], mp('heartvalvediseases', 'Heart Valve Diseases (regurgitation: a valve does not close tightly and blood leaks back)')),
  say('narrowing', ['narrowing', 'narrowed', 'narrow'], ['stenosis'], mp('spinalstenosis', 'Spinal Stenosis (stenosis is a narrowing)')),
  say('enlargedHeart', ['enlarged heart', 'big heart', 'large heart', 'swollen heart'], ['cardiomegaly'], ency('007270', 'Enlarged heart (cardiomegaly)')),
  say('hardeningArteries', ['hardening of the arteries', 'hardened arteries', 'clogged arteries', 'hardening arteries'], ['atherosclerosis'], mp('atherosclerosis', 'Atherosclerosis (also called arteriosclerosis, hardening of the arteries)')),
  say(
    'coronaryArteryDisease',
    ['coronary artery disease', 'cad', 'coronary heart disease', 'blocked arteries in the heart', 'clogged heart arteries', 'blocked heart arteries', 'blocked coronary arteries', 'blocked heart artery'],
    ['atherosclerotic heart disease of native coronary artery', 'coronary artery disease'],
    mp('coronaryarterydisease', 'Coronary Artery Disease (also called CAD, coronary heart disease; plaque builds up in the heart arteries)'),
  ),
  say('dvt', ['dvt', 'deep vein thrombosis', 'blood clot in the leg', 'clot in the leg', 'leg clot', 'blood clot in the calf'], ['thrombosis of deep veins of lower extremity', 'deep vein thrombosis'], mp('deepveinthrombosis', 'Deep Vein Thrombosis (also called DVT; a blood clot in a deep vein, usually in the legs)')),
  say('pulmonaryEmbolism', ['blood clot in the lung', 'clot in the lung', 'lung clot', 'pe'], ['pulmonary embolism'], mp('pulmonaryembolism', 'Pulmonary Embolism (a blood clot in the lungs; also called PE)')),
  say('bloodClot', ['blood clot', 'clot', 'clots'], ['thrombosis', 'embolism'], mp('bloodclots', 'Blood Clots (thrombus, embolus)')),
  say('pad', ['peripheral artery disease', 'peripheral arterial disease', 'pad', 'poor circulation', 'poor circulation in the legs', 'poor blood flow in the legs', 'bad circulation'], ['peripheral vascular disease'], mp('peripheralarterialdisease', 'Peripheral Arterial Disease (also called PAD, peripheral artery disease)')),
  say('cardiacArrest', ['heart stopped', 'sudden cardiac arrest', 'heart stopping'], ['cardiac arrest'], mp('cardiacarrest', 'Cardiac Arrest (the heart suddenly stops beating)')),
  say('fainting', ['fainting', 'faint', 'fainted', 'passing out', 'passed out', 'fainting spells', 'blacking out'], ['syncope'], mp('fainting', 'Fainting (also called syncope)')),
  say('swollenLegs', ['swollen ankles', 'swollen legs', 'swollen feet', 'swelling in the legs', 'swelling of the ankles', 'leg swelling', 'ankle swelling', 'fluid in the legs', 'water retention', 'fluid retention'], ['localized edema'], mp('edema', 'Edema (swelling from fluid, usually in the feet, ankles and legs)')),
  say('stroke', ['stroke', 'cva', 'brain attack'], ['cerebral infarction', 'stroke'], mp('stroke', 'Stroke (also called brain attack, CVA)')),
  say('tia', ['tia', 'mini stroke', 'ministroke', 'warning stroke'], ['transient cerebral ischemic attack'], mp('transientischemicattack', 'Transient Ischemic Attack (also called mini-stroke, TIA)')),
  say('brainBleed', ['brain bleed', 'bleeding in the brain', 'bleed in the brain', 'brain hemorrhage', 'bleeding on the brain', 'hemorrhagic stroke'], ['intracerebral hemorrhage'], ency('000796', 'Intracerebral hemorrhage (bleeding inside the brain)')),
  say('lowIron', ['low iron', 'iron deficiency', 'not enough iron'], ['iron deficiency'], mp('irondeficiencyanemia', 'Iron Deficiency Anemia'), false),
  say('lowPlatelets', ['low platelets', 'low platelet count', 'low blood platelets'], ['thrombocytopenia'], mp('plateletdisorders', 'Platelet Disorders (thrombocytopenia: too few platelets)')),
  say('varicoseVeins', ['bulging veins', 'spider veins'], ['varicose veins'], mp('varicoseveins', 'Varicose Veins')),

  // ---- cancer and tumors ----
  say('cancer', ['cancer', 'cancers', 'malignancy', 'malignant tumor', 'cancerous', 'carcinoma'], ['malignant neoplasm', 'carcinoma'], mp('cancer', 'Cancer (also called carcinoma, malignancy, neoplasms, tumor)'), false),
  say('tumor', ['tumor', 'growth', 'neoplasm'], ['neoplasm'], mp('cancer', 'Cancer (also called neoplasms, tumor)')),
  say('benignTumor', ['benign tumor', 'noncancerous tumor', 'non cancerous tumor', 'benign growth'], ['benign neoplasm'], mp('benigntumors', 'Benign Tumors (tumors that are not cancer)')),
  say(
    'metastatic',
    ['cancer spread to', 'cancer that spread to', 'spread to', 'metastatic', 'metastasis', 'metastases', 'mets', 'metastatic cancer', 'secondary cancer'],
    ['secondary malignant neoplasm'],
    { title: 'National Cancer Institute: Metastatic Cancer: When Cancer Spreads', url: 'https://www.cancer.gov/types/metastatic-cancer' },
  ),
  say('nsclc', ['nsclc', 'non small cell lung cancer', 'sclc', 'small cell lung cancer'], ['malignant neoplasm of bronchus or lung'], mp('lungcancer', 'Lung Cancer (non-small cell and small cell lung cancer)')),
  say('dcis', ['dcis', 'ductal carcinoma in situ'], ['intraductal carcinoma in situ'], { title: 'National Cancer Institute: Ductal Carcinoma In Situ (DCIS)', url: 'https://www.cancer.gov/types/breast/patient/breast-treatment-pdq' }),
  say('lcis', ['lcis'], ['lobular carcinoma in situ'], { title: 'National Cancer Institute: Lobular Carcinoma In Situ (LCIS)', url: 'https://www.cancer.gov/types/breast/patient/breast-treatment-pdq' }),
  say('fibroids', ['fibroids', 'fibroid', 'uterine fibroids', 'fibroid tumors'], ['leiomyoma of uterus'], mp('uterinefibroids', 'Uterine Fibroids (also called leiomyoma, myoma)')),
  say('lungNodule', ['spot on the lung', 'spot on lung', 'lung spot', 'nodule on the lung', 'lung nodule', 'shadow on the lung'], ['solitary pulmonary nodule', 'pulmonary nodule'], ency('000076', 'Pulmonary nodule (a spot on the lung)')),
  say('melanoma', ['melanoma', 'skin melanoma', 'melanoma skin cancer'], ['malignant melanoma of skin', 'melanoma'], mp('melanoma', 'Melanoma (the most serious type of skin cancer)')),
  say('hiv', ['hiv', 'aids', 'hiv aids', 'hiv disease'], ['human immunodeficiency virus disease', 'hiv'], mp('hivaids', 'HIV (human immunodeficiency virus)')),
  say('bloodCancer', ['blood cancer'], ['leukemia'], mp('leukemia', 'Leukemia (cancer of the blood cells)')),

  // ---- hormones, diabetes, metabolism ----
  say('diabetes', ['sugar diabetes', 'diabetes', 'dm', 'sugar disease', 'high sugar'], ['diabetes'], mp('diabetes', 'Diabetes (high blood glucose, or blood sugar)')),
  say('type2', ['t2dm', 'type ii diabetes', 'type 2 diabetes', 'adult onset diabetes', 'type two diabetes'], ['type 2 diabetes'], mp('diabetestype2', 'Type 2 Diabetes (also called adult-onset diabetes)')),
  say('type1', ['t1dm', 'type i diabetes', 'type 1 diabetes', 'juvenile diabetes', 'type one diabetes'], ['type 1 diabetes'], mp('diabetestype1', 'Type 1 Diabetes (also called juvenile diabetes)')),
  say('prediabetes', ['borderline diabetes', 'pre diabetes', 'prediabetes', 'prediabetic'], ['prediabetes'], mp('prediabetes', 'Prediabetes')),
  say('gestational', ['gestational diabetes', 'diabetes in pregnancy', 'pregnancy diabetes', 'diabetes while pregnant'], ['gestational diabetes'], mp('diabetesandpregnancy', 'Diabetes and Pregnancy (gestational diabetes)')),
  say('lowBloodSugar', ['low blood sugar', 'low sugar', 'blood sugar low', 'sugar low'], ['hypoglycemia'], mp('hypoglycemia', 'Hypoglycemia (also called low blood sugar)')),
  say('highBloodSugar', ['high blood sugar', 'blood sugar high', 'sugar high'], ['hyperglycemia'], mp('hyperglycemia', 'Hyperglycemia (high blood sugar)')),
  say('underactiveThyroid', ['underactive thyroid', 'hypothyroid', 'low thyroid', 'slow thyroid'], ['hypothyroidism'], mp('hypothyroidism', 'Hypothyroidism (also called underactive thyroid)')),
  say('overactiveThyroid', ['overactive thyroid', 'hyperthyroid', 'high thyroid'], ['hyperthyroidism', 'thyrotoxicosis'], mp('hyperthyroidism', 'Hyperthyroidism (also called overactive thyroid)')),
  say('lowPotassium', ['low potassium'], ['hypokalemia'], ency('000479', 'Low blood potassium (hypokalemia)')),
  say('highPotassium', ['high potassium'], ['hyperkalemia'], ency('001179', 'High potassium level (hyperkalemia)')),
  say('lowSodium', ['low sodium', 'low salt in the blood'], ['hyponatremia'], ency('000394', 'Low blood sodium (hyponatremia)')),
  say('highCalcium', ['high calcium'], ['hypercalcemia'], ency('000365', 'Hypercalcemia (high calcium level in the blood)')),
  say('brittleBones', ['brittle bones', 'thin bones', 'weak bones', 'bone loss'], ['osteoporosis'], mp('osteoporosis', 'Osteoporosis (weak bones that break easily)')),

  // ---- lungs and breathing ----
  say('copd', ['copd', 'chronic obstructive lung disease'], ['chronic obstructive pulmonary disease'], mp('copd', 'COPD (chronic obstructive pulmonary disease)')),
  say('lungInfection', ['lung infection', 'infection in the lungs', 'chest infection'], ['pneumonia'], mp('pneumonia', 'Pneumonia (an infection in one or both of the lungs)')),
  say('chestCold', ['chest cold'], ['acute bronchitis'], mp('acutebronchitis', 'Acute Bronchitis (also called chest cold)')),
  say('sleepApnea', ['osa'], ['obstructive sleep apnea'], mp('sleepapnea', 'Sleep Apnea (obstructive sleep apnea)')),
  say('collapsedLung', ['collapsed lung', 'lung collapse', 'lung collapsed'], ['pneumothorax'], mp('collapsedlung', 'Collapsed Lung (also called pneumothorax)')),
  say('pleuralEffusion', ['fluid around the lungs', 'fluid around the lung', 'water on the lungs', 'fluid on the lungs', 'water on the lung'], ['pleural effusion'], mp('pleuraldisorders', 'Pleural Disorders (pleural effusion: fluid builds up around the lungs)')),
  say('lungScarring', ['scarring of the lungs', 'lung scarring', 'scarred lungs', 'scar tissue in the lungs'], ['pulmonary fibrosis'], mp('pulmonaryfibrosis', 'Pulmonary Fibrosis (lung tissue becomes scarred)')),
  say('tb', ['tb', 'consumption'], ['tuberculosis'], mp('tuberculosis', 'Tuberculosis (also called TB)')),
  say('flu', ['flu', 'the flu', 'grippe'], ['influenza'], mp('flu', 'Flu (also called influenza)')),
  say('cold', ['head cold', 'a cold', 'cold'], ['common cold'], mp('commoncold', 'Common Cold')),
  say('sinusInfection', ['sinus infection', 'sinus infections', 'infected sinuses'], ['sinusitis'], mp('sinusitis', 'Sinusitis (also called sinus infection)')),
  say('strepThroat', ['strep throat', 'strep'], ['streptococcal pharyngitis'], mp('strepthroat', 'Strep Throat (infection of the throat with streptococcal bacteria)')),
  say('soreThroat', ['sore throat', 'throat infection'], ['pharyngitis'], mp('sorethroat', 'Sore Throat (also called pharyngitis)')),
  say('covid', ['covid', 'covid19', 'coronavirus', 'corona virus', 'covid 19'], ['covid 19'], mp('covid19coronavirusdisease2019', 'COVID-19 (coronavirus disease 2019)')),
  say('longCovid', ['long covid', 'long haul covid', 'post covid', 'long hauler'], ['post covid 19 condition'], mp('longcovid', 'Long COVID (post-COVID conditions)')),
  say('shortOfBreath', ['trouble breathing', 'hard to breathe', 'breathlessness', 'out of breath', 'short of breath', 'difficulty breathing', 'cannot breathe', 'cant breathe'], ['shortness of breath', 'dyspnea'], mp('breathingproblems', 'Breathing Problems (shortness of breath, also called dyspnea)')),
  say('coughingBlood', ['coughing up blood', 'cough up blood', 'coughing blood', 'blood in my phlegm', 'blood in sputum'], ['hemoptysis'], ency('003073', 'Coughing up blood (hemoptysis)')),
  say('hayFever', ['hay fever', 'pollen allergy', 'seasonal allergies'], ['allergic rhinitis due to pollen'], mp('hayfever', 'Hay Fever (also called allergic rhinitis; an allergy to pollen)')),
  say('nosebleed', ['nosebleed', 'nose bleed', 'bloody nose', 'nosebleeds', 'nose bleeding'], ['epistaxis'], mp('nosebleeds', 'Nosebleeds (also called epistaxis)')),

  // ---- kidneys, bladder, prostate ----
  say('esrd', ['end stage kidney disease', 'esrd', 'eskd', 'kidney failure end stage'], ['end stage renal disease'], mp('kidneyfailure', 'Kidney Failure (also called end-stage kidney disease, ESRD)')),
  say('ckd', ['ckd'], ['chronic kidney disease'], mp('chronickidneydisease', 'Chronic Kidney Disease (also called CKD)')),
  say('kidneyStones', ['kidney stones', 'kidney stone', 'renal stones', 'renal stone'], ['calculus of kidney'], mp('kidneystones', 'Kidney Stones (also called renal calculi, nephrolithiasis)')),
  say('stone', ['stone', 'stones'], ['calculus', 'stone'], mp('kidneystones', 'Kidney Stones (a stone is a calculus)')),
  say('bladderInfection', ['bladder infection', 'bladder infections', 'infected bladder'], ['cystitis'], mp('bladderdiseases', 'Bladder Diseases (cystitis: inflammation of the bladder, often from infection)')),
  say('uti', ['uti', 'utis', 'urine infection', 'urinary infection', 'water infection'], ['urinary tract infection'], mp('urinarytractinfections', 'Urinary Tract Infections (also called UTI)')),
  say('bph', ['bph', 'enlarged prostate', 'swollen prostate', 'prostate enlargement', 'large prostate', 'big prostate'], ['benign prostatic hyperplasia'], mp('enlargedprostatebph', 'Enlarged Prostate (BPH, benign prostatic hyperplasia)')),
  say('incontinence', ['bladder leakage', 'leaking urine', 'leaky bladder', 'urine leakage', 'wetting myself', 'loss of bladder control', 'bladder control problems', 'leaking pee'], ['urinary incontinence'], mp('urinaryincontinence', 'Urinary Incontinence (loss of bladder control)')),
  say('bloodInUrine', ['blood in the urine', 'blood in urine', 'bloody urine', 'blood in pee', 'blood in my pee', 'red urine'], ['hematuria'], mp('bloodinurine', 'Blood in Urine (also called hematuria)')),
  say('ed', ['ed', 'impotence', 'impotent', 'erection problems', 'trouble getting an erection'], ['erectile dysfunction'], mp('erectiledysfunction', 'Erectile Dysfunction (also called impotence)')),
  say('pkd', ['pkd'], ['polycystic kidney'], mp('polycystickidneydisease', 'Polycystic Kidney Disease (PKD)')),

  // ---- stomach, bowel, liver ----
  say('gerd', ['gerd', 'acid reflux', 'reflux', 'gord', 'gastroesophageal reflux', 'acid indigestion'], ['gastro esophageal reflux'], mp('gerd', 'GERD (also called acid reflux, gastroesophageal reflux disease)')),
  say('stomachUlcer', ['stomach ulcer', 'ulcer in the stomach', 'stomach ulcers'], ['gastric ulcer'], mp('pepticulcer', 'Peptic Ulcer (a sore in the lining of the stomach: gastric ulcer)')),
  say('gallstones', ['gallstones', 'gallstone', 'gall stones', 'gall stone', 'stones in the gallbladder'], ['calculus of gallbladder'], mp('gallstones', 'Gallstones (calculi in the gallbladder)')),
  say('piles', ['piles'], ['hemorrhoids'], mp('hemorrhoids', 'Hemorrhoids (also called piles)')),
  say('groinHernia', ['groin hernia', 'hernia in the groin'], ['inguinal hernia'], mp('hernia', 'Hernia (an inguinal hernia is in the groin)')),
  say('hiatalHernia', ['hiatal hernia', 'hiatus hernia'], ['diaphragmatic hernia'], mp('hiatalhernia', 'Hiatal Hernia (the stomach bulges through the diaphragm)')),
  say('umbilicalHernia', ['belly button hernia', 'navel hernia', 'umbilical hernia'], ['umbilical hernia'], ency('000987', 'Umbilical hernia (a hernia at the belly button)')),
  say('fattyLiver', ['nafld', 'masld', 'nash', 'fatty liver disease', 'fat in the liver'], ['fatty liver'], mp('fattyliverdisease', 'Fatty Liver Disease (NAFLD)')),
  say('cirrhosis', ['cirrhosis', 'scarring of the liver', 'liver scarring', 'scarred liver'], ['cirrhosis of liver', 'cirrhosis'], mp('cirrhosis', 'Cirrhosis (scarring of the liver)')),
  say('hepC', ['hep c', 'hcv'], ['hepatitis c'], mp('hepatitisc', 'Hepatitis C (also called HCV)')),
  say('hepB', ['hep b', 'hbv'], ['hepatitis b'], mp('hepatitisb', 'Hepatitis B (also called HBV)')),
  say('stomachFlu', ['stomach flu', 'stomach bug', 'tummy bug', 'viral gastroenteritis', 'gastro'], ['viral intestinal infection', 'gastroenteritis'], mp('viralgastroenteritis', 'Viral Gastroenteritis (also called stomach flu)')),
  say('foodPoisoning', ['food poisoning', 'foodborne illness'], ['foodborne intoxication'], mp('foodborneillness', 'Foodborne Illness (also called food poisoning)')),
  say('giBleed', ['bleeding in the stomach', 'stomach bleeding', 'gi bleed', 'gi bleeding', 'bleeding in the bowel', 'bowel bleeding', 'gut bleeding', 'internal bleeding in the stomach'], ['gastrointestinal hemorrhage'], mp('gastrointestinalbleeding', 'Gastrointestinal Bleeding (also called GI bleeding)')),
  say('bowelObstruction', ['bowel obstruction', 'blocked bowel', 'blocked intestine', 'intestinal blockage', 'bowel blockage', 'blocked gut'], ['intestinal obstruction'], mp('intestinalobstruction', 'Intestinal Obstruction (a blockage of the bowel)')),
  say('swallowing', ['trouble swallowing', 'difficulty swallowing', 'hard to swallow', 'problems swallowing', 'swallowing problems', 'cannot swallow'], ['dysphagia'], mp('swallowingdisorders', 'Swallowing Disorders (also called dysphagia)')),
  say('stomachPain', ['stomach pain', 'stomach ache', 'stomachache', 'tummy ache', 'tummy pain', 'belly ache', 'bellyache', 'pain in my stomach', 'stomach cramps'], ['abdominal pain'], mp('abdominalpain', 'Abdominal Pain (pain in the belly or stomach area)')),
  say('vomiting', ['throwing up', 'throw up', 'threw up', 'vomit', 'being sick'], ['vomiting'], mp('nauseaandvomiting', 'Nausea and Vomiting (throwing up)')),
  say('enlargedLiver', ['enlarged liver', 'swollen liver', 'big liver', 'liver enlargement'], ['hepatomegaly'], ency('003275', 'Hepatomegaly (enlarged liver)')),
  say('enlargedSpleen', ['enlarged spleen', 'swollen spleen', 'big spleen'], ['splenomegaly'], ency('003276', 'Splenomegaly (enlarged spleen)')),
  say('glutenIntolerance', ['gluten intolerance', 'gluten allergy', 'coeliac', 'celiac sprue'], ['celiac disease'], mp('celiacdisease', 'Celiac Disease (also called celiac sprue, gluten intolerance)')),
  say('ibs', ['ibs', 'spastic colon'], ['irritable bowel syndrome'], mp('irritablebowelsyndrome', 'Irritable Bowel Syndrome (also called IBS)')),
  say('ibd', ['ibd'], ['crohn', 'ulcerative colitis'], mp('crohnsdisease', "Crohn's Disease (a type of inflammatory bowel disease, IBD)")),
  say('uc', ['uc'], ['ulcerative colitis'], mp('ulcerativecolitis', 'Ulcerative Colitis (UC)')),

  // ---- bones, joints, muscles ----
  say('arthritis', ['arthritis', 'wear and tear arthritis', 'degenerative arthritis', 'arthritic'], ['osteoarthritis', 'arthritis'], mp('osteoarthritis', 'Osteoarthritis (the most common form of arthritis)')),
  say('ra', ['ra'], ['rheumatoid arthritis'], mp('rheumatoidarthritis', 'Rheumatoid Arthritis (RA)')),
  say('lupus', ['sle'], ['systemic lupus erythematosus'], mp('lupus', 'Lupus (systemic lupus erythematosus, SLE)')),
  say('backPain', ['back pain', 'backache', 'sore back', 'bad back', 'back ache', 'back hurts', 'pain in my back'], ['dorsalgia', 'back pain'], mp('backpain', 'Back Pain')),
  say('lowBackPain', ['lower back pain', 'low back pain', 'lumbago', 'pain in my lower back', 'lower back ache', 'sore lower back'], ['low back pain'], mp('lowbackpain', 'Low Back Pain')),
  say('neckPain', ['neck pain', 'sore neck', 'neck ache', 'pain in my neck'], ['cervicalgia', 'neck pain'], mp('neckinjuriesanddisorders', 'Neck Injuries and Disorders (neck pain)')),
  say(
    'herniatedDisc',
    ['slipped disc', 'slipped disk', 'herniated disc', 'herniated disk', 'ruptured disc', 'ruptured disk', 'bulging disc', 'bulging disk', 'disc herniation', 'prolapsed disc', 'prolapsed disk', 'compressed disk'],
    ['intervertebral disc displacement'],
    mp('herniateddisk', 'Herniated Disk (also called slipped disk, ruptured disk, bulging disk)'),
  ),
  say('pinchedNerve', ['pinched nerve', 'trapped nerve', 'compressed nerve'], ['radiculopathy'], mp('sciatica', 'Sciatica (a pinched nerve root: radiculopathy)')),
  say('frozenShoulder', ['frozen shoulder', 'stiff shoulder'], ['adhesive capsulitis of shoulder'], ency('000455', 'Frozen shoulder (adhesive capsulitis)')),
  say('tennisElbow', ['tennis elbow'], ['lateral epicondylitis'], ency('000449', 'Tennis elbow (lateral epicondylitis)')),
  say('golfersElbow', ['golfers elbow', 'golfer elbow'], ['medial epicondylitis'], ency('007639', "Golfer's elbow (medial epicondylitis)")),
  say('bunion', ['bunion', 'bunions'], ['hallux valgus'], mp('bunions', 'Bunions (hallux valgus)')),
  say('flatFeet', ['fallen arches', 'flat feet', 'flatfoot'], ['flat foot'], ency('001262', 'Flat feet (pes planus)')),
  say('plantarFasciitis', ['plantar fasciitis', 'heel spur pain', 'policeman heel'], ['plantar fascial fibromatosis'], ency('007021', 'Plantar fasciitis')),
  say('whiplash', ['whiplash'], ['sprain of ligaments of cervical spine'], mp('neckinjuriesanddisorders', 'Neck Injuries and Disorders (whiplash: a sprain of the neck)')),
  say('cramps', ['muscle cramps', 'muscle cramp', 'cramps', 'cramp', 'charley horse', 'muscle spasms', 'leg cramps'], ['cramp and spasm'], mp('musclecramps', 'Muscle Cramps (also called charley horse)')),
  say('curvedSpine', ['curved spine', 'curvature of the spine', 'curve in the spine', 'crooked spine'], ['scoliosis'], mp('scoliosis', 'Scoliosis (a sideways curve of the spine)')),
  say('torn', ['torn', 'tear', 'tears', 'ripped'], ['tear', 'rupture'], mp('sportsinjuries', 'Sports Injuries (torn ligaments, tendons and cartilage)'), false),
  say('broken', ['broken', 'break', 'breaks', 'fractured', 'cracked'], ['fracture'], mp('fractures', 'Fractures (a break in a bone)')),
  say('brokenHip', ['hip fracture', 'broken hip', 'fractured hip', 'break my hip', 'broke her hip', 'broke his hip'], ['fracture of neck of femur', 'fracture of femur'], mp('hipinjuriesanddisorders', 'Hip Injuries and Disorders (hip fracture: a break in the upper femur)')),
  say('sprained', ['sprained', 'sprains', 'twisted'], ['sprain'], mp('sprainsandstrains', 'Sprains and Strains')),
  say('pain', ['ache', 'aches', 'aching', 'sore', 'hurts', 'hurting', 'painful'], ['pain'], mp('pain', 'Pain')),

  // ---- brain and nerves ----
  say('memoryLoss', ['memory loss', 'losing memory', 'forgetfulness', 'forgetful', 'memory problems', 'poor memory', 'trouble remembering'], ['amnesia'], mp('memory', 'Memory (memory loss, also called amnesia)')),
  say('seizures', ['seizure', 'seizures', 'fits', 'convulsion', 'convulsions'], ['convulsions', 'seizure'], mp('seizures', 'Seizures (also called convulsions)')),
  say('als', ['als', 'lou gehrig', 'lou gehrigs disease', 'motor neuron disease'], ['amyotrophic lateral sclerosis'], mp('amyotrophiclateralsclerosis', "Amyotrophic Lateral Sclerosis (also called ALS, Lou Gehrig's disease)")),
  say('ms', ['ms'], ['multiple sclerosis'], mp('multiplesclerosis', 'Multiple Sclerosis (MS)')),
  say('neuropathy', ['neuropathy', 'nerve damage', 'peripheral neuropathy', 'numb feet'], ['polyneuropathy', 'neuropathy'], mp('peripheralnervedisorders', 'Peripheral Nerve Disorders (also called peripheral neuropathy)')),
  say('shingles', ['shingles'], ['zoster'], mp('shingles', 'Shingles (also called herpes zoster)')),
  say('restlessLegs', ['restless legs', 'restless leg syndrome', 'restless leg', 'rls'], ['restless legs syndrome'], mp('restlesslegs', 'Restless Legs (restless legs syndrome, RLS)')),
  say('insomnia', ['trouble sleeping', 'cannot sleep', 'cant sleep', 'sleeplessness', 'difficulty sleeping', 'unable to sleep', 'not sleeping'], ['insomnia'], mp('insomnia', 'Insomnia (trouble falling or staying asleep)')),
  say('dizzy', ['dizzy', 'lightheaded', 'light headed', 'woozy'], ['dizziness'], mp('dizzinessandvertigo', 'Dizziness and Vertigo')),
  say('vertigo', ['vertigo', 'room spinning'], ['dizziness', 'vertigo'], mp('dizzinessandvertigo', 'Dizziness and Vertigo (vertigo: a feeling that you or the room is spinning)')),
  say('tremor', ['shaking', 'shaky hands', 'shakes', 'trembling'], ['tremor'], mp('tremor', 'Tremor (shaking)')),
  say('waterOnBrain', ['water on the brain', 'fluid on the brain', 'fluid in the brain'], ['hydrocephalus'], mp('hydrocephalus', 'Hydrocephalus (a buildup of fluid in the brain)')),
  say('brainFog', ['confusion', 'confused'], ['confusion', 'disorientation'], mp('confusion', 'Confusion')),

  // ---- mind and mood ----
  say('depression', ['depression', 'depressed', 'low mood'], ['depression', 'depressive'], mp('depression', 'Depression (also called major depressive disorder)')),
  say('anxiety', ['anxious', 'nerves', 'worry', 'worrying'], ['anxiety'], mp('anxiety', 'Anxiety')),
  say('panic', ['panic attacks', 'panic attack', 'panic attacks disorder'], ['panic disorder'], mp('panicdisorder', 'Panic Disorder (repeated panic attacks)')),
  say('bipolar', ['manic depression', 'manic depressive', 'manic depressive illness', 'bipolar'], ['bipolar disorder'], mp('bipolardisorder', 'Bipolar Disorder (also called manic-depressive illness)')),
  say('ptsd', ['ptsd'], ['post traumatic stress disorder'], mp('posttraumaticstressdisorder', 'Post-Traumatic Stress Disorder (also called PTSD)')),
  say('adhd', ['adhd', 'attention deficit disorder', 'hyperactivity'], ['attention deficit hyperactivity disorder'], mp('attentiondeficithyperactivitydisorder', 'Attention Deficit Hyperactivity Disorder (also called ADHD)')),
  say('autism', ['autism', 'asd', 'autism spectrum disorder', 'autistic'], ['autistic disorder'], mp('autismspectrumdisorder', 'Autism Spectrum Disorder (also called autism, ASD)')),
  say('ocd', ['ocd'], ['obsessive compulsive disorder'], mp('obsessivecompulsivedisorder', 'Obsessive-Compulsive Disorder (also called OCD)')),
  say('alcoholism', ['alcoholism', 'alcohol addiction', 'alcohol use disorder', 'drinking problem', 'alcoholic', 'addicted to alcohol'], ['alcohol dependence'], mp('alcoholusedisorderaud', 'Alcohol Use Disorder (also called alcoholism, alcohol dependence)')),
  say('opioidAddiction', ['opioid addiction', 'opioid use disorder', 'opiate addiction', 'painkiller addiction', 'addicted to opioids', 'addicted to painkillers'], ['opioid dependence'], mp('opioidmisuseandaddiction', 'Opioid Misuse and Addiction (opioid use disorder)')),
  say('addiction', ['addiction', 'addicted', 'hooked'], ['dependence'], mp('druguseanddisorders', 'Substance Use Disorders (addiction: dependence on a drug)')),
  say('smoker', ['smoker', 'smoking', 'smokes', 'cigarettes', 'tobacco addiction', 'nicotine addiction', 'smoking habit'], ['nicotine dependence'], mp('smoking', 'Smoking (nicotine in tobacco is addictive)')),

  // ---- eyes and ears ----
  say('amd', ['amd', 'armd'], ['macular degeneration'], mp('maculardegeneration', 'Macular Degeneration (also called age-related macular degeneration, AMD)')),
  say('pinkEye', ['pink eye', 'pinkeye'], ['conjunctivitis'], mp('pinkeye', 'Pink Eye (also called conjunctivitis)')),
  say('nearsighted', ['nearsighted', 'nearsightedness', 'short sighted', 'shortsighted', 'near sighted'], ['myopia'], mp('refractiveerrors', 'Refractive Errors (nearsightedness is myopia)')),
  say('farsighted', ['farsighted', 'farsightedness', 'long sighted', 'far sighted'], ['hypermetropia'], mp('refractiveerrors', 'Refractive Errors (farsightedness is hyperopia, hypermetropia)')),
  say('deaf', ['deaf', 'deafness', 'hard of hearing', 'losing my hearing', 'hearing problems'], ['hearing loss'], mp('hearingdisordersanddeafness', 'Hearing Disorders and Deafness (hearing loss)')),
  say('tinnitus', ['ringing in the ears', 'ringing in my ears', 'ear ringing', 'ringing ears', 'buzzing in the ears', 'ringing in ear'], ['tinnitus'], mp('tinnitus', 'Tinnitus (ringing in the ears)')),
  say('earInfection', ['ear infection', 'ear infections', 'middle ear infection', 'infected ear'], ['otitis media'], mp('earinfections', 'Ear Infections (also called otitis media)')),
  say('lazyEye', ['lazy eye'], ['amblyopia'], ency('001014', 'Amblyopia (lazy eye)')),

  // ---- skin ----
  say('eczema', ['eczema', 'atopic eczema'], ['dermatitis', 'eczema'], mp('eczema', 'Eczema (also called dermatitis)')),
  say('hives', ['hives', 'welts'], ['urticaria'], mp('hives', 'Hives (also called urticaria)')),
  say('coldSore', ['cold sore', 'cold sores', 'fever blister', 'fever blisters'], ['herpesviral vesicular dermatitis'], mp('coldsores', 'Cold Sores (also called fever blisters)')),
  say('athletesFoot', ['athletes foot', 'athlete foot'], ['tinea pedis'], mp('athletesfoot', "Athlete's Foot (also called tinea pedis)")),
  say('bedSore', ['bed sore', 'bed sores', 'bedsore', 'bedsores', 'pressure sore', 'pressure sores', 'pressure injury', 'decubitus ulcer'], ['pressure ulcer'], mp('pressuresores', 'Pressure Sores (also called bedsores, pressure ulcers)')),
  say('acne', ['pimples', 'zits', 'spots on the face'], ['acne'], mp('acne', 'Acne (pimples)')),
  say('baldness', ['baldness', 'balding', 'going bald'], ['alopecia', 'hair loss'], mp('hairloss', 'Hair Loss (also called alopecia)')),
  say('nailFungus', ['nail fungus', 'toenail fungus', 'fungal nail infection', 'fungal nails', 'fungus in the nails'], ['tinea unguium', 'onychomycosis'], ency('001330', 'Fungal nail infection (tinea unguium, onychomycosis)')),
  say('skinInfection', ['skin infection', 'infected skin', 'skin infections'], ['local infection of skin and subcutaneous tissue', 'skin infection'], mp('skininfections', 'Skin Infections')),
  say('itching', ['itching', 'itchy', 'itch', 'itchy skin', 'itches'], ['pruritus'], mp('itching', 'Itching (also called pruritus)')),
  say('warts', ['wart', 'warts'], ['wart'], mp('warts', 'Warts')),

  // ---- infections ----
  say('sepsis', ['blood infection', 'blood poisoning', 'septicemia', 'infection in the blood'], ['sepsis'], mp('sepsis', 'Sepsis (also called septicemia, blood poisoning)')),
  say('chickenpox', ['chickenpox', 'chicken pox'], ['varicella'], mp('chickenpox', 'Chickenpox (also called varicella)')),
  say('mono', ['mono', 'glandular fever', 'kissing disease'], ['infectious mononucleosis'], mp('infectiousmononucleosis', 'Infectious Mononucleosis (also called mono, glandular fever, kissing disease)')),
  say('lice', ['head lice', 'lice', 'nits'], ['pediculosis due to pediculus humanus capitis'], mp('headlice', 'Head Lice (pediculosis)')),
  say('boneInfection', ['bone infection', 'infected bone', 'infection in the bone'], ['osteomyelitis'], mp('boneinfections', 'Bone Infections (also called osteomyelitis)')),
  say('yeast', ['yeast infection', 'thrush', 'yeast infections', 'candida'], ['candidiasis'], mp('yeastinfections', 'Yeast Infections (also called candidiasis)')),

  // ---- women's health and pregnancy ----
  say('pcos', ['pcos', 'polycystic ovaries'], ['polycystic ovarian syndrome'], mp('polycysticovarysyndrome', 'Polycystic Ovary Syndrome (also called PCOS)')),
  say('hotFlashes', ['hot flashes', 'hot flushes', 'hot flash', 'menopause symptoms', 'the change of life'], ['menopausal and female climacteric states'], mp('menopause', 'Menopause (hot flashes)')),
  say('heavyPeriods', ['heavy periods', 'heavy period', 'heavy menstrual bleeding', 'heavy bleeding during periods', 'very heavy periods', 'menorrhagia'], ['excessive and frequent menstruation', 'menorrhagia'], mp('heavymenstrualbleeding', 'Heavy Menstrual Bleeding (also called menorrhagia)')),
  say('periodPain', ['painful periods', 'period pain', 'menstrual cramps', 'period cramps', 'painful period'], ['dysmenorrhea'], mp('periodpain', 'Period Pain (also called dysmenorrhea)')),
  say('infertility', ['trouble getting pregnant', 'cannot get pregnant', 'cant get pregnant', 'unable to get pregnant', 'not able to get pregnant'], ['female infertility'], mp('infertility', 'Infertility (not being able to get pregnant)')),
  say('miscarriage', ['miscarriage', 'miscarried', 'lost the baby', 'lost a pregnancy', 'miscarriages'], ['spontaneous abortion'], mp('miscarriage', 'Miscarriage (also called spontaneous abortion)')),
  say('preeclampsia', ['preeclampsia', 'toxemia', 'pre eclampsia'], ['pre eclampsia'], mp('highbloodpressureinpregnancy', 'High Blood Pressure in Pregnancy (preeclampsia)')),
  say('breastPain', ['breast pain', 'sore breasts', 'tender breasts', 'breast tenderness', 'sore breast'], ['mastodynia'], ency('003153', 'Breast pain (mastalgia, mastodynia)')),

  // ---- everything else ----
  say('fever', ['high temperature', 'temperature', 'feverish'], ['fever'], mp('fever', 'Fever (a body temperature higher than normal)')),
  say('fatigue', ['tiredness', 'tired', 'exhaustion', 'exhausted', 'always tired', 'no energy', 'worn out', 'lack of energy', 'tired all the time'], ['fatigue'], mp('fatigue', 'Fatigue (tiredness, exhaustion, lack of energy)')),
  say('weightLoss', ['losing weight', 'lost weight', 'weight loss without trying', 'unexplained weight loss'], ['abnormal weight loss'], ency('003107', 'Weight loss - unintentional')),
  say('swollenGlands', ['swollen lymph nodes', 'swollen glands', 'swollen lymph glands', 'enlarged glands', 'swollen gland'], ['enlarged lymph nodes'], ency('003097', 'Swollen lymph nodes')),
  say('toothDecay', ['tooth decay', 'cavities', 'cavity', 'rotten teeth', 'decayed teeth', 'caries'], ['dental caries'], mp('toothdecay', 'Tooth Decay (also called cavities, dental caries)')),
  say('gumDisease', ['gum disease', 'gum infection', 'gums disease', 'bleeding gums'], ['periodontal disease', 'gingivitis'], mp('gumdisease', 'Gum Disease (also called periodontal disease)')),
  say('hoarse', ['hoarse voice', 'hoarseness', 'hoarse', 'losing my voice', 'lost my voice', 'raspy voice', 'lost voice'], ['dysphonia'], ency('003054', 'Hoarseness (dysphonia)')),
  say('hiccups', ['hiccups', 'hiccup'], ['hiccough'], mp('hiccups', 'Hiccups')),
  say('eatingDisorder', ['eating disorders', 'eating problem'], ['eating disorder'], mp('eatingdisorders', 'Eating Disorders')),
  say('downSyndrome', ['trisomy 21', 'downs syndrome', 'down syndrome'], ['down syndrome'], mp('downsyndrome', 'Down Syndrome (trisomy 21)')),
  say('problem', ['problem', 'problems', 'issue', 'issues', 'trouble', 'condition'], ['disorder', 'disease'], mp('appendixa', 'Understanding Medical Words (a disorder is a health problem)')),

  // ---- "inflammation of ...": the -itis words ----
  inflamed('pancreatitis', ['pancreas'], ['pancreatitis'], mp('pancreatitis', 'Pancreatitis (inflammation of the pancreas)')),
  inflamed('hepatitis', ['liver'], ['inflammatory liver disease', 'hepatitis'], mp('hepatitis', 'Hepatitis (inflammation of the liver)')),
  inflamed('cholecystitis', ['gallbladder', 'gall bladder'], ['cholecystitis'], mp('gallbladderdiseases', 'Gallbladder Diseases (cholecystitis: inflammation of the gallbladder)')),
  inflamed('appendicitis', ['appendix'], ['appendicitis'], mp('appendicitis', 'Appendicitis (inflammation of the appendix)')),
  inflamed('gastritis', ['stomach', 'stomach lining'], ['gastritis'], mp('gastritis', 'Gastritis (inflammation of the lining of the stomach)')),
  inflamed('colitis', ['colon', 'bowel'], ['colitis'], mp('colitis', 'Colitis (inflammation of the colon)')),
  inflamed('myocarditis', ['heart muscle'], ['myocarditis'], ency('000149', 'Myocarditis (inflammation of the heart muscle)')),
  inflamed('pericarditis', ['heart lining', 'sac around the heart'], ['pericarditis'], ency('000182', 'Pericarditis (swelling and irritation of the sac around the heart)')),
  inflamed('cystitis', ['bladder'], ['cystitis'], mp('bladderdiseases', 'Bladder Diseases (cystitis: inflammation of the bladder)')),
  inflamed('nephritis', ['kidney', 'kidneys'], ['nephritis'], ency('000464', 'Interstitial nephritis (swelling of the kidney)')),
  inflamed('encephalitis', ['brain'], ['encephalitis'], mp('encephalitis', 'Encephalitis (inflammation of the brain)')),
  inflamed('meningitis', ['brain lining', 'lining of the brain'], ['meningitis'], mp('meningitis', 'Meningitis (inflammation of the membranes around the brain)')),
  inflamed('pneumonitis', ['lungs', 'lung'], ['pneumonitis'], ency('000114', 'Hypersensitivity pneumonitis (inflammation of the lungs)')),
  inflamed('esophagitis', ['esophagus', 'food pipe', 'gullet'], ['esophagitis'], ency('001153', 'Esophagitis (inflammation of the esophagus)')),
  inflamed('tendinitis', ['tendon', 'tendons'], ['tendinitis'], ency('001229', 'Tendinitis (inflammation of a tendon)')),
  inflamed('bursitis', ['bursa'], ['bursitis'], ency('000419', 'Bursitis (inflammation of a bursa)')),
  inflamed('vasculitis', ['blood vessels', 'blood vessel'], ['vasculitis'], mp('vasculitis', 'Vasculitis (inflammation of the blood vessels)')),
  inflamed('phlebitis', ['vein', 'veins'], ['phlebitis'], ency('001108', 'Thrombophlebitis (inflammation of a vein)')),
];

export const ICD10_WORD_FORMS: WordForms[] = [
  // Organs: the plain name and the adjective code titles use (word parts: ren/o, hepat/o, pulmon/o, cardi/o ...).
  forms('kidney', ['kidney', 'renal'], WORD_PARTS),
  forms('liver', ['liver', 'hepatic'], WORD_PARTS),
  forms('lung', ['lung', 'pulmonary'], WORD_PARTS),
  forms('heart', ['heart', 'cardiac'], WORD_PARTS),
  forms('ovary', ['ovary', 'ovarian'], WORD_PARTS),
  forms('brain', ['brain', 'cerebral'], WORD_PARTS),
  forms('stomach', ['stomach', 'gastric'], WORD_PARTS),
  forms('bowel', ['bowel', 'intestine', 'intestinal'], WORD_PARTS),
  forms('skin', ['skin', 'cutaneous'], WORD_PARTS),
  forms('eye', ['eye', 'ocular'], WORD_PARTS),
  forms('nose', ['nose', 'nasal'], WORD_PARTS),
  forms('mouth', ['mouth', 'oral'], WORD_PARTS),
  forms('tooth', ['tooth', 'teeth', 'dental'], WORD_PARTS),
  forms('vein', ['vein', 'venous'], WORD_PARTS),
  forms('artery', ['artery', 'arterial'], WORD_PARTS),
  forms('uterus', ['uterus', 'uterine', 'womb'], mp('uterinediseases', 'Uterine Diseases (the uterus, or womb)')),
  forms('cervix', ['cervix', 'cervical'], WORD_PARTS),
  forms('prostate', ['prostate', 'prostatic'], WORD_PARTS),
  forms('testicle', ['testicle', 'testis', 'testicular', 'teste'], mp('testiculardisorders', 'Testicular Disorders (the testicles, or testes)')),
  forms('pancreas', ['pancreas', 'pancreatic'], WORD_PARTS),
  forms('esophagus', ['esophagus', 'esophageal', 'gullet', 'food pipe', 'oesophagus'], mp('esophagusdisorders', 'Esophagus Disorders (the tube that carries food from the throat to the stomach)')),
  forms('throat', ['throat', 'pharynx', 'pharyngeal'], mp('throatdisorders', 'Throat Disorders (the technical name for the throat is pharynx)')),
  forms('voiceBox', ['voice box', 'larynx', 'laryngeal'], mp('throatcancer', 'Throat Cancer (the larynx, or voice box)')),
  forms('windpipe', ['windpipe', 'trachea', 'tracheal'], mp('tracheadisorders', 'Trachea Disorders (the trachea, or windpipe)')),
  forms('rectum', ['rectum', 'rectal'], WORD_PARTS),
  forms('anus', ['anus', 'anal'], WORD_PARTS),
  forms('belly', ['belly', 'tummy', 'abdomen', 'abdominal'], mp('abdominalpain', 'Abdominal Pain (the belly)')),
  forms('endometrium', ['endometrium', 'endometrial'], WORD_PARTS),
  forms('spleen', ['spleen', 'splenic'], WORD_PARTS),
  forms('bloodVessel', ['blood vessel', 'vascular'], WORD_PARTS),
  forms('spine', ['spine', 'spinal', 'backbone'], mp('spineinjuriesanddisorders', 'Spine Injuries and Disorders (the spine, or backbone)')),
  forms('foot', ['foot', 'feet'], mp('footinjuriesanddisorders', 'Foot Injuries and Disorders')),
  forms('leg', ['leg', 'lower leg', 'lower limb', 'lower extremity'], mp('leginjuriesanddisorders', 'Leg Injuries and Disorders')),
  forms('arm', ['arm', 'upper arm', 'upper limb', 'forearm'], mp('arminjuriesanddisorders', 'Arm Injuries and Disorders')),
  forms('bellyButton', ['belly button', 'navel', 'umbilicus', 'umbilical'], ency('000987', 'Umbilical hernia (the belly button, or navel)')),
  forms('kneecap', ['kneecap', 'patella'], ency('000201', 'Kneecap dislocation (the patella, or kneecap)')),
  forms('collarbone', ['collarbone', 'clavicle'], ency('000011', 'Broken collarbone (clavicle fracture)')),
  forms('thighbone', ['thighbone', 'thigh bone', 'femur'], mp('hipinjuriesanddisorders', 'Hip Injuries and Disorders (the femur, or thighbone)')),
  forms('shinbone', ['shinbone', 'shin bone', 'tibia'], mp('leginjuriesanddisorders', 'Leg Injuries and Disorders (the tibia, or shinbone)')),
  forms('breastbone', ['breastbone', 'breast bone', 'sternum'], mp('chestinjuriesanddisorders', 'Chest Injuries and Disorders (the sternum, or breastbone)')),
  forms('tailbone', ['tailbone', 'tail bone', 'coccyx'], mp('backinjuries', 'Back Injuries (the coccyx, or tailbone)')),
  forms('groin', ['groin', 'inguinal'], mp('hernia', 'Hernia (an inguinal hernia is in the groin)')),
  forms('armpit', ['armpit', 'axilla', 'axillary'], WORD_PARTS),
  // Ways of saying the same thing: a verb or adjective and the noun titles use.
  forms('bleeding', ['bleeding', 'bleed', 'hemorrhage'], mp('bleeding', 'Bleeding (also called hemorrhage)')),
  forms('swelling', ['swelling', 'swollen', 'edema'], mp('edema', 'Edema (swelling)')),
  forms('blocked', ['blocked', 'blockage', 'obstruction', 'occlusion'], mp('intestinalobstruction', 'Intestinal Obstruction (a blockage)')),
  forms('infected', ['infected', 'infection'], mp('infections', 'Infections')),
  forms('inflamed', ['inflamed', 'inflammation', 'inflammatory'], WORD_PARTS),
  forms('diabetic', ['diabetic', 'diabetes'], mp('diabetes', 'Diabetes')),
  forms('asthmatic', ['asthmatic', 'asthma'], mp('asthma', 'Asthma')),
  forms('allergic', ['allergic', 'allergy'], mp('allergy', 'Allergy')),
  forms('obese', ['obese', 'obesity'], mp('obesity', 'Obesity')),
  forms('anxiety', ['anxiety', 'anxious'], mp('anxiety', 'Anxiety')),
  forms('dizziness', ['dizziness', 'dizzy'], mp('dizzinessandvertigo', 'Dizziness and Vertigo')),
  forms('menopause', ['menopause', 'menopausal'], mp('menopause', 'Menopause')),
  forms('migraine', ['migraine', 'migraines'], mp('migraine', 'Migraine')),
  forms('arthritis', ['arthritis', 'arthritic'], mp('arthritis', 'Arthritis')),
  // Spellings: ICD-10-CM is American; the WHO's ICD-10 writes the same conditions the British way.
  forms('tumour', ['tumor', 'tumour'], WHO_ICD10),
  forms('anaemia', ['anemia', 'anaemia'], WHO_ICD10),
  forms('diarrhoea', ['diarrhea', 'diarrhoea'], WHO_ICD10),
  forms('haemorrhage', ['hemorrhage', 'haemorrhage'], WHO_ICD10),
  forms('leukaemia', ['leukemia', 'leukaemia'], WHO_ICD10),
  forms('oedema', ['edema', 'oedema'], WHO_ICD10),
  forms('foetus', ['fetus', 'foetus'], WHO_ICD10),
  forms('goitre', ['goiter', 'goitre'], WHO_ICD10),
  forms('haemorrhoids', ['hemorrhoids', 'haemorrhoids'], WHO_ICD10),
  forms('coeliac', ['celiac', 'coeliac'], WHO_ICD10),
  forms('disc', ['disc', 'disk'], mp('herniateddisk', 'Herniated Disk (disk, also written disc)')),
  forms('ischaemic', ['ischemic', 'ischaemic'], WHO_ICD10),
  forms('oestrogen', ['estrogen', 'oestrogen'], WHO_ICD10),
];
