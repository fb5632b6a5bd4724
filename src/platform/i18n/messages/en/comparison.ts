// Step 9: comparing opinions side by side, a third opinion, and the sourced facts shown there.
export const comparison = {
  'compare.title': 'Compare the opinions',
  'compare.intro':
    'Here are your {count} opinions side by side. Each later opinion is compared with the first one, and every pair is compared too.',
  'compare.opinionN': 'Opinion {n}: {doctor}',
  'compare.vsFirstShort': 'Opinion {n} vs. 1:',
  'compare.glance.heading': 'At a glance',
  'compare.noSignificant':
    'From what you wrote down, no two doctors disagree on the diagnosis or the treatment. Please check the suggestions below. They come from rules, not from a doctor.',
  'compare.missing.heading': 'There is nothing to compare yet',
  'compare.missing.none':
    'No opinions are written down yet. Write down the first doctor’s opinion, then the second doctor’s, to compare them.',
  'compare.missing.another_opinion':
    'Only one opinion is written down. Add the second doctor’s opinion to compare them.',
  'compare.missing.have': 'You have the opinion of {doctor}, from {date}.',
  'compare.api.agree':
    'No two doctors disagree on the diagnosis or the treatment. Check the suggestions: they come from rules.',
  'compare.api.differ':
    'Two of the doctors do not agree on the diagnosis or the treatment. It makes sense to ask one more.',
  'compare.api.method':
    'We use the groups from two studies: Meyer et al. 2015 (confirmed, clarified, changed) and Van Such et al. 2017 (same, refined, very different).',

  'compare.topic.when': 'When and how',
  'compare.topic.diagnosis': 'Diagnosis',
  'compare.topic.stage': 'Stage or status',
  'compare.topic.prognosis': 'What the doctor expects',
  'compare.topic.goal': 'Goal of treatment',
  'compare.topic.plan': 'Recommended treatment',
  'compare.topic.urgency': 'How soon to start',
  'compare.topic.options': 'Other options discussed',
  'compare.topic.tests': 'More tests advised',
  'compare.topic.trials': 'Clinical trials mentioned',

  'compare.level.diagnosis.same': 'Same diagnosis',
  'compare.level.diagnosis.refined': 'Same condition, more detail (refined)',
  'compare.level.diagnosis.different': 'Different diagnosis',
  'compare.level.treatment.same': 'Same treatment plan',
  'compare.level.treatment.refined': 'Same main treatment, with more or other parts (refined)',
  'compare.level.treatment.different': 'Different treatment',
  'compare.agreement.agree': 'They agree',
  'compare.agreement.differ': 'They differ',
  'compare.agreement.unknown': 'Cannot tell (not given by both)',
  'compare.impact.label': 'How much the difference could matter',
  'compare.impact.none': 'No real difference',
  'compare.impact.minor': 'A little (minor)',
  'compare.impact.moderate': 'Quite a lot (moderate)',
  'compare.impact.major': 'A great deal (major)',
  'compare.differsFromFirst': 'Differs from opinion 1',
  'compare.notCompared': 'Read each one: not compared for you',
  'compare.noAnswer': 'Not asked, or no answer written down',
  'compare.readAnswers': 'Read each answer',

  'compare.table.heading': 'Side by side',
  'compare.table.intro':
    'Each column is one opinion. The column “Do they agree?” says in words how each later opinion compares with the first. On a small screen, each topic is a card.',
  'compare.table.caption': 'Each opinion by topic, with whether it agrees with the first opinion',
  'compare.table.topic': 'Topic',
  'compare.table.agree': 'Do they agree?',

  'compare.pairs.heading': 'Each pair, and your corrections',
  'compare.pairs.intro':
    'These are suggestions from simple rules, not a doctor’s judgment. If one looks wrong, correct it: your answer is kept and used from then on. Ask your doctors if you are not sure.',
  'compare.pair.heading': '{b} compared with {a}',
  'compare.pair.fromWords': 'No codes were given, so we compared the words. Please check whether this is right.',
  'compare.pair.suggested': 'our suggestion',
  'compare.pair.confirmed': 'you confirmed it',
  'compare.pair.correctedShort': 'your answer',
  'compare.why.corrected': 'You chose this. Our rules had said: {suggested}.',
  'compare.headline.agree': 'No difference found in the diagnosis or the treatment.',
  'compare.headline.refines': 'No disagreement found. One opinion adds to the other, or gives more detail.',
  'compare.headline.differs.diagnosis': 'The doctors do not agree on the diagnosis.',
  'compare.headline.differs.treatment': 'The doctors do not agree on the treatment.',
  'compare.headline.differs.both':
    'The doctors do not agree on the diagnosis. They also do not agree on the treatment.',
  'compare.pair.yourRating': 'your rating',
  'compare.pair.ourSuggestion': 'our suggestion',
  'compare.pair.significant': 'In short',
  'compare.confirm.legend': 'Is this right? Correct anything that is not.',
  'compare.confirm.diagnosis': 'Diagnosis',
  'compare.confirm.treatment': 'Treatment',
  'compare.confirm.impact': 'How much the difference could matter',
  'compare.confirm.keep': 'Keep the suggestion ({value})',
  'compare.confirm.save': 'Save my answers',
  'compare.confirmedDone': 'Your answers are saved.',
  'compare.errors.pair': 'Choose two opinions that are part of this case.',

  'compare.basis.both_none': 'Neither doctor named a diagnosis.',
  'compare.basis.one_none': 'One doctor named a diagnosis; the other did not.',
  'compare.basis.same_code': 'Both used the same diagnosis code.',
  'compare.basis.ancestor': 'One code is a more exact form of the other.',
  'compare.basis.same_category': 'Both codes are in the same group of diagnoses.',
  'compare.basis.same_section':
    'The codes are in one block of related conditions, but in different groups. So they name different conditions.',
  'compare.basis.different_section': 'The codes are in different blocks of conditions.',
  'compare.basis.different_chapter':
    'The codes are in different chapters (different body systems or kinds of disease).',
  'compare.basis.same_words': 'The words mean the same, once short forms are spelled out.',
  'compare.basis.words_contained':
    'One says everything the other says, and more. The words point to the same group of diagnoses.',
  'compare.basis.words_same_code': 'The words match the code the other doctor gave.',
  'compare.basis.words_same_category': 'The words point to the same group of diagnoses.',
  'compare.basis.words_same_section': 'The words point to related, but different, conditions in one block.',
  'compare.basis.words_different_section': 'The words point to different blocks of conditions.',
  'compare.basis.words_different_chapter':
    'The words point to different chapters (different body systems or kinds of disease).',
  'compare.basis.words_overlap': 'Some key words are the same, but we could not match the words to codes.',
  'compare.basis.words_unmatched': 'The words have nothing in common, and we could not match them to codes.',
  'compare.basis.added_diagnosis': 'They agree on the diagnosis they share. One doctor also named another problem.',
  'compare.basis.tx_both_none': 'Neither plan is written down.',
  'compare.basis.tx_one_none': 'Only one plan is written down.',
  'compare.basis.tx_same_plan': 'Both plans have the same parts and name the same treatments.',
  'compare.basis.tx_same_parts_other_order':
    'Both plans have the same parts, but not in the same order. Ask each doctor what comes first.',
  'compare.basis.tx_adds_to_plan':
    'Same main treatment. One plan adds something: a medicine, a procedure, a step or a detail.',
  'compare.basis.tx_other_details': 'Same main treatment, but some other parts or details are not the same.',
  'compare.basis.tx_different_main_category': 'The main treatment is a different kind.',
  'compare.basis.tx_different_main_treatment':
    'The main treatment is the same kind, but a different one. For example, another operation or another medicine.',
  'compare.basis.tx_surgery_vs_none': 'One plan has surgery or another procedure. The other plan does not.',
  'compare.basis.tx_different_procedure': 'Both plans have surgery or another procedure, but not the same one.',

  'compare.third.heading': 'The doctors do not agree. It makes sense to get another opinion.',
  'compare.third.intro':
    'It is normal for doctors to see things differently. When they disagree about the diagnosis or the treatment, many people ask one more doctor.',
  'compare.third.whoHeading': 'Who might help',
  'compare.third.coverageYours': 'What your insurance says about a third opinion',
  'compare.third.coverageGeneral': 'What health plans often say about a third opinion',
  'compare.third.coverageNone':
    'You told us you have no health plan. Before you book, ask the doctor’s office what the visit will cost.',
  'compare.third.buttonIntro':
    'Ready? We add “find a doctor for a third opinion” to your tasks and take you to the doctor search.',
  'compare.third.button': 'Start looking for a third opinion',
  'compare.third.always': 'You can always ask for another opinion.',
  'compare.third.started': 'We added “Find a doctor for a third opinion” to your tasks.',
  'compare.third.taskTitle': 'Find a doctor for a third opinion',
  'compare.spec.both':
    'A doctor, or a team, who treats both of the conditions named, so that treating one does not harm the other.',
  'compare.spec.diagnosis':
    'The doctors named different problems. Ask for a fresh look at the proof itself. A pathologist at another hospital can look at the tissue slides. A radiologist can look at the scans.',
  'compare.spec.treatment':
    'One doctor wants surgery, radiation or drugs, and another does not. It can help to hear from a doctor in a third field, or from a team with both kinds of doctors.',
  'compare.spec.team':
    'Many cancer centers have a team of doctors (a tumor board) that reviews a case together. Ask whether yours can be reviewed there.',
  'compare.spec.general': 'A doctor for this problem, from another practice or hospital than the first doctors.',

  'compare.method.heading': 'How we compare',
  'compare.method.levels':
    'We use the categories researchers use to study second opinions. The diagnosis and the treatment are each the same, refined (the same thing, better defined), or different. We also say whether the doctors agree on the goal of treatment and on how soon to start, and how much a difference could matter.',
  'compare.method.significant':
    'We say the doctors disagree only when the diagnosis or the treatment is different. When one opinion only adds detail to the other, we do not call it a disagreement, even if the change could matter a lot. You can always change our answer.',
  'compare.toDecision': 'Go on to your decision',

  'content.study.meyer':
    'A 2015 study looked at 6,791 people who asked for a second opinion. Each result was rated as confirmed, clarified or changed. The diagnosis changed for about 15 in 100 people. The treatment changed for about 37 in 100.',
  'content.study.vanSuch':
    'A 2017 study looked at 286 people sent to Mayo Clinic for a second opinion. The diagnosis was the same for 12 in 100. It was better defined for 66 in 100. It was clearly different for 21 in 100.',
  'content.study.follow':
    'In the 2015 study, most people were happy with the new opinion. But only about 61 in 100 planned to follow it.',
  'content.study.noWinner':
    'These studies do not show which opinion turned out to be right. A newer opinion is not automatically the better one.',
  'content.third.reasonable':
    'Did the second opinion raise more questions than it answered? Then it makes sense to get a third, or even a fourth, opinion.',
  'content.third.bothConditions':
    'With more than one serious condition, look for a doctor who can treat one without harming the other. For example, someone with heart disease and breast cancer may need a cancer doctor who is careful with the heart.',
  'content.third.confidence':
    'Starting treatment with confidence matters. Another opinion can be worth it even when it brings nothing new.',
  'content.third.inWriting':
    'Ask each doctor to explain their reasons in writing. It makes the opinions easier to compare, and to discuss with the next doctor.',
  'content.third.cancerCenter':
    'The National Cancer Institute tells how to find a cancer doctor or a place to get care. It also says what to check about your insurance.',
  'content.thirdCoverage.askFirst':
    'Most health plans, Medicare too, pay for second opinions. Call your plan before you book. HMO and managed-care plans may need a referral, an OK ahead of time, or a doctor in their network.',
  'content.thirdCoverage.partBThird':
    'If the first two doctors’ opinions are different, Original Medicare (Part B) helps pay for a third opinion. You pay 20% of the Medicare-approved amount. You pay it after your Part B deductible.',
  'content.thirdCoverage.partBThirdScope':
    'This is for opinions on whether you need surgery or another big procedure, such as a heart test with a tube. Part B pays for these opinions even if it would not pay for the surgery itself.',
  'content.thirdCoverage.partBNotCosmetic':
    'Medicare does not pay for opinions on surgery it never pays for. Cosmetic surgery is one example.',
  'content.thirdCoverage.advantageSame':
    'A Medicare Advantage plan must cover what Original Medicare covers. So it also covers a third opinion when the first two are different. Your share of the cost may not be the same.',
  'content.thirdCoverage.advantageRules':
    'A Medicare Advantage plan can have its own rules. It may want a doctor in its network, or a referral from your main doctor. If no doctor in the network can give the care you need, the plan must arrange it outside the network. You then pay what you would pay in the network.',
  'content.thirdCoverage.medicaid':
    'Medicaid managed care plans must give you a second opinion from a qualified doctor in their network, or arrange one outside it, at no cost to you. Ask the plan how it handles a third opinion.',
  // ---- who might help with a third opinion, by code range (src/content/specialists.ts) ----
  'content.who.cancer':
    'A cancer doctor (medical oncologist). Best is one who treats many people with this kind of cancer.',
  'content.who.headNeckCancer':
    'A cancer doctor, and an ear, nose and throat surgeon who treats cancers of the mouth and throat.',
  'content.who.breastCancer': 'A breast cancer team: a cancer doctor (oncologist) and a breast surgeon.',
  'content.who.gynCancer':
    'A gynecologic oncologist. This is a doctor for women who treats cancers of the womb, ovaries and nearby organs.',
  'content.who.uroCancer':
    'A cancer doctor (oncologist). Also a urologist. This is a surgeon for the kidneys, bladder and male organs who treats cancer.',
  'content.who.eyeBrainCancer':
    'A cancer doctor. For the brain, also a brain surgeon (neurosurgeon). For the eye, an eye doctor who treats cancer.',
  'content.who.bloodCancer': 'A doctor for blood cancers (hematologist-oncologist).',
  'content.who.inSitu':
    'A cancer doctor or a surgeon who treats this part of the body. These codes are for cancer cells that have not spread (in situ).',
  'content.who.benign':
    'A specialist for the part of the body where the growth is. These codes are for growths that are not cancer, or not yet known to be. Ask whether a cancer doctor should look too.',
  'content.who.breastSpecialist': 'A breast specialist, such as a breast surgeon or a breast clinic.',
  'content.who.gynecologist': 'A doctor for the womb, ovaries and other female organs. This is a gynecologist.',
  'content.who.neurosurgeon': 'A brain and spine surgeon (neurosurgeon). Or a brain and nerve doctor (neurologist).',
  'content.who.hematologist': 'A blood doctor (hematologist). Some of them also treat cancer.',
  'content.who.immunologist': 'A doctor for allergies and the immune system. This is an immunologist.',
  'content.who.endocrinologist':
    'A doctor for hormones, glands such as the thyroid, and diabetes. This is an endocrinologist.',
  'content.who.psychiatrist': 'A psychiatrist: a doctor for mental health.',
  'content.who.memory':
    'A brain and nerve doctor (neurologist). Or a doctor for older adults (geriatrician). Both treat memory problems.',
  'content.who.neurologist': 'A brain and nerve doctor (neurologist).',
  'content.who.ophthalmologist': 'An eye doctor who is also a medical doctor. This is an ophthalmologist.',
  'content.who.ent': 'An ear, nose and throat doctor (otolaryngologist).',
  'content.who.cardiologist': 'A heart doctor (cardiologist).',
  'content.who.strokeNeurologist': 'A brain and nerve doctor (neurologist) who treats strokes.',
  'content.who.vascular': 'A blood vessel surgeon (vascular surgeon).',
  'content.who.pulmonologist': 'A lung doctor (pulmonologist).',
  'content.who.gastroenterologist': 'A doctor for the stomach, bowels and liver. This is a gastroenterologist.',
  'content.who.generalSurgeon': 'A general surgeon who repairs hernias.',
  'content.who.dermatologist': 'A skin doctor (dermatologist).',
  'content.who.bonesJoints':
    'A bone and joint surgeon (orthopedic surgeon). Or, for joint illness that affects the whole body, a rheumatologist.',
  'content.who.rheumatologist':
    'A doctor for joint and immune illness that affects the whole body. This is a rheumatologist.',
  'content.who.orthopedist': 'A bone and joint surgeon (orthopedic surgeon).',
  'content.who.spine':
    'A spine surgeon, who may be a bone surgeon or a brain surgeon. A doctor who helps people move again can help too.',
  'content.who.nephrologist': 'A kidney doctor (nephrologist).',
  'content.who.urologist':
    'A doctor for the kidneys, bladder and male organs who also does surgery. This is a urologist.',
  'content.who.obstetrician':
    'A pregnancy doctor (obstetrician). If there are extra risks, a doctor for high-risk pregnancy.',
  'content.who.infectious': 'A specialist in infections (infectious disease doctor).',
  'content.who.internist': 'A doctor of internal medicine (internist), who looks at the whole body to find a cause.',
} as const;
