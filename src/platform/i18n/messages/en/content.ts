// Sourced content (src/content/*): reasons, emergency signs, waiting guidance, the question
// bank. Each sentence is our own wording of a fact from the item's source.
export const content = {
  // ---- reasons to seek a second opinion ----
  'content.reason.serious_diagnosis.title': 'A serious or life-changing diagnosis',
  'content.reason.serious_diagnosis.text':
    'When a diagnosis is serious or will change your life, it makes sense to be sure it is right. Another doctor can also tell you about other choices.',
  'content.reason.rare_or_unclear.title': 'A rare illness, or the doctors are not sure',
  'content.reason.rare_or_unclear.text':
    'When an illness is rare, or the diagnosis is not clear, it is a good time to get a second opinion. A doctor who knows the illness well can help make sure the diagnosis is right.',
  'content.reason.no_diagnosis.title': 'Symptoms go on, but there is no diagnosis',
  'content.reason.no_diagnosis.text':
    'You still have symptoms, but no one has found the cause. Another doctor may look at them in a new way and do more tests.',
  'content.reason.dismissed.title': 'The doctor brushes off your symptoms',
  'content.reason.dismissed.text':
    'Some doctors brush off symptoms, or will not look into them. If that happens to you, it is a good time to see someone else.',
  'content.reason.feels_wrong.title': 'You still feel that something is wrong',
  'content.reason.feels_wrong.text':
    'The doctor may say all is well, but you still feel that something is not right. That alone is a good reason to ask another doctor.',
  'content.reason.surgery.title': 'Surgery was suggested',
  'content.reason.surgery.text':
    'When a doctor says you need surgery that is not an emergency, you have the right to have another doctor look at your choices. It is up to you to decide if and when to have it.',
  'content.reason.side_effects.title': 'A medicine with serious side effects',
  'content.reason.side_effects.text':
    'Some medicines can cause serious harm as well as help. Another doctor can check that it is the right one for you, and tell you about other choices.',
  'content.reason.costly.title': 'A costly treatment your insurance may not cover',
  'content.reason.costly.text':
    'Some treatments cost a lot, and your plan may not pay for them. A second opinion can confirm that you need it, or show other choices.',
  'content.reason.several_options.title': 'There is more than one way to treat it',
  'content.reason.several_options.text':
    'When there are several ways to treat an illness, a second doctor can help you weigh them and pick what fits you best.',
  'content.reason.not_working.title': 'The treatment is not helping',
  'content.reason.not_working.text':
    'If your treatment is not working as hoped, a fresh look at your case may find a new plan.',
  'content.reason.unsure.title': 'You are not sure about what you were told',
  'content.reason.unsure.text':
    'A second opinion can confirm what your doctor said, or show you choices your doctor did not mention. Many people ask for one just to be sure.',

  // ---- emergencies ----
  'content.emergency.sign.chest': 'Chest pain, or pain or pressure in the upper belly',
  'content.emergency.sign.breathing': 'Trouble breathing, short of breath, or choking',
  'content.emergency.sign.bleeding': 'Bleeding that will not stop',
  'content.emergency.sign.fainting': 'Fainting, or passing out',
  'content.emergency.sign.confusion': 'Sudden confusion, strange behavior, or being hard to wake up',
  'content.emergency.sign.sudden': 'Sudden dizziness, weakness, or change in eyesight',
  'content.emergency.sign.pain': 'Sudden, very bad pain anywhere in the body',
  'content.emergency.sign.blood': 'Coughing up or throwing up blood',
  'content.emergency.sign.vomiting': 'Throwing up that is very bad or will not stop',
  'content.emergency.sign.injury': 'A head or back injury, a bad burn, or a deep wound',
  'content.emergency.sign.poison': 'Swallowing something poisonous',
  'content.emergency.sign.harm': 'Thoughts of hurting yourself or someone else',
  'content.emergency.call': 'Call 911 now, or go to the nearest emergency room.',
  'content.emergency.dontWait':
    'Do not wait for a second opinion when you need emergency care. You can think about a second opinion later, when you are safe.',
  'content.emergency.crisisLine':
    'If you are thinking about hurting yourself, call or text 988 to talk to someone right away. It is free, private, and open day and night.',

  // ---- how long is it safe to wait; a fast second opinion ----
  'content.waiting.depends':
    'How long it is safe to wait depends on the illness and on you. Some problems need treatment right away. Your doctor is the one who can tell you.',
  'content.waiting.ask':
    'Ask your doctor: “How long is it safe to wait before I start treatment?” Write down the answer.',
  'content.waiting.notSafe':
    'If your doctor says it is not safe to wait, do not put off your care. Ask if a second doctor can look at your case right away.',
  'content.fast.askDoctor':
    'Ask your doctor to help you find a second doctor and get an early visit. Many doctors are glad to help, and it makes sending your records easier.',
  'content.fast.recordsReview':
    'Some large hospitals can give a second opinion from your records, with no trip needed. A specialist sends you a written report.',
  'content.fast.sendRecords':
    'Have your records sent to the new doctor right away, so they can start as soon as they get them.',

  // ---- always said ----
  'content.reassure.routine':
    'Getting a second opinion is a normal part of medical care. Doctors ask each other for advice all the time. A good doctor will not mind.',
  'content.reassure.noPermission': 'You do not need your doctor’s permission to get a second opinion.',
  'content.reassure.planRules':
    'But some health plans need a referral or an approval before they pay for the visit. HMO and POS plans, Medicare Advantage HMOs and many Medicaid plans often do. Check with your plan before you book.',
  'content.reassure.yourChoice':
    'You have the right to know your choices and to take part in every decision about your care.',
  'content.study.changes':
    'In one large study, a second opinion changed the treatment plan for more than 1 in 3 people. It changed the diagnosis for about 1 in 7.',

  // ---- next steps ----
  'content.next.questions.title': 'Write down your questions',
  'content.next.questions.text': 'Go with a list of questions, and write down what each doctor says.',
  'content.next.coverage.title': 'Check what your insurance covers',
  'content.next.coverage.text':
    'Find out what your coverage needs before you book. Most plans, including Medicare, pay for a second opinion. Some need a referral, an approval, or a doctor in their network.',
  'content.next.doctors.title': 'Choose a doctor',
  'content.next.doctors.text':
    'You can ask your doctor for a referral, or find a doctor yourself. Groups for your illness and people with the same diagnosis can suggest names.',
  'content.next.records.title': 'Gather your records',
  'content.next.records.text':
    'Get copies of your records and test results, or have them sent to the new doctor. Then you may not need to repeat tests.',

  // ---- the question bank ----
  'content.q.diagnosis': 'What is my diagnosis? Can you write it down for me?',
  'content.q.diagnosis.unknown': 'What do you think is causing my symptoms?',
  'content.q.disease': 'What more can you tell me about this illness?',
  'content.q.disease.unknown': 'What tests could help find the cause? Why those tests?',
  'content.q.status': 'How far along is my illness? Does it have a stage?',
  'content.q.status.unknown': 'How serious do you think my symptoms are?',
  'content.q.curable': 'Can this be treated? Can it be cured?',
  'content.q.prognosis': 'What is likely to happen to me, with treatment and without it?',
  'content.q.goal': 'What is the goal of treatment: to cure it, to keep it under control, or to ease my symptoms?',
  'content.q.options': 'What are all my treatment choices? What are the good and bad sides of each one?',
  'content.q.agree': 'Do you agree with the plan my first doctor suggested? Why or why not?',
  'content.q.where': 'Where should I get treatment, and why there?',
  'content.q.trials': 'Are there any clinical trials I could join?',
  'content.q.quality': 'How can I handle my symptoms during and after treatment, so I can keep living well?',
  'content.q.tests.reuse': 'Can you use the tests I already had, or do I need new ones?',
  'content.q.timing.wait': 'How long is it safe to wait before I start treatment?',
  'content.q.surgery.without': 'What could happen if I do not have the surgery?',
  'content.q.surgery.other': 'Is there a way to treat this without surgery, or with a smaller operation?',
  'content.q.surgery.risks': 'What are the risks of this operation for someone like me?',
  'content.q.surgery.recovery': 'How long will it take to get better after surgery? What help will I need at home?',
  'content.q.surgery.experience': 'How many of these operations have you or this hospital done?',
  'content.q.cancer.slides': 'Should another lab look at my biopsy slides to check the diagnosis?',
  'content.q.cancer.center': 'Should I be seen at a cancer center that treats a lot of people with my kind of cancer?',
  'content.q.cancer.tests': 'Which tests showed the type and stage of my cancer? Do I need any more?',
  'content.q.nodx.ruledOut': 'What have we ruled out so far, and how?',
  'content.q.nodx.specialist': 'Should I see a specialist? What kind?',
  'content.q.nodx.worse': 'What should I do if my symptoms get worse?',
  'content.q.chronic.working': 'Is my treatment working as well as it could?',
  'content.q.chronic.newer': 'Are there newer treatments I should know about?',
  'content.q.chronic.daily': 'What can I do each day to feel better?',
  'content.q.med.sideEffects': 'What side effects should I watch for? What should I do if I get them?',
  'content.q.med.other': 'Is there another medicine with fewer side effects?',
  'content.q.med.mix': 'Is this medicine safe with the other medicines I take?',
  'content.q.cost.howMuch': 'How much will this cost me?',
  'content.q.cost.approval': 'Does my insurance plan need to approve this first?',
  'content.q.cost.lower': 'Is there a choice that costs less?',
} as const;
