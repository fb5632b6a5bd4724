// Step 4: checking coverage. The plan, what applies, the call script, the call log and
// prior authorization. Sourced facts are the content.coverage.* keys.
export const coverage = {
  'coverage.title': 'Check your insurance',
  'coverage.intro':
    'Most plans pay for a second opinion, but many have steps you must follow first. Here you can note your plan, see what applies to it, call with a ready script, and keep a record of every call.',
  'coverage.start.heading': 'First, tell us about the plan',
  'coverage.start.text': 'Choose the kind of coverage {name} has. Then we show what usually applies and what to ask.',

  'coverage.plan.title': 'Your health plan',
  'coverage.plan.intro': 'Use the insurance card if you have it. You can change this later.',
  'coverage.plan.submit': 'Save the plan',
  'coverage.plan.saved': 'The plan is saved. Here is what applies to it.',
  'coverage.plan.change': 'Change the plan details',
  'coverage.field.planType': 'What kind of health coverage does {name} have?',
  'coverage.field.planTypeHint': 'If you have more than one, choose the main one. The card often names the type.',
  'coverage.field.insurer': 'Name of the insurance company or plan',
  'coverage.field.insurerHint': 'As it is printed on the card. For example: Blue Cross, Aetna, Humana.',
  'coverage.field.memberId': 'Member ID',
  'coverage.field.memberIdHint':
    'The ID number on the card. It is kept private and shown only to the people helping with this case.',
  'coverage.field.planPhone': 'Phone number for members',
  'coverage.field.planPhoneHint': 'Often on the back of the card. For example: 1-800-555-0100.',

  'coverage.group.medicare': 'Medicare',
  'coverage.group.private': 'From a job, a union, or the Marketplace',
  'coverage.group.medicaid': 'Medicaid',
  'coverage.group.military': 'Military and veterans',
  'coverage.group.other': 'Something else',

  'coverage.planType.original_medicare': 'Original Medicare (Part A and Part B)',
  'coverage.planType.original_medicare.hint': 'Run by the federal government. You use the Medicare card.',
  'coverage.planType.medicare_advantage_hmo': 'Medicare Advantage HMO',
  'coverage.planType.medicare_advantage_hmo.hint':
    'A Medicare plan run by a private company, with HMO rules. Also called Part C.',
  'coverage.planType.medicare_advantage_ppo': 'Medicare Advantage PPO',
  'coverage.planType.medicare_advantage_ppo.hint':
    'A Medicare plan run by a private company, with PPO rules. Also called Part C.',
  'coverage.planType.private_ppo': 'PPO plan',
  'coverage.planType.private_ppo.hint': 'Preferred provider organization.',
  'coverage.planType.private_hmo': 'HMO plan',
  'coverage.planType.private_hmo.hint': 'Health maintenance organization.',
  'coverage.planType.private_epo': 'EPO plan',
  'coverage.planType.private_epo.hint': 'Exclusive provider organization.',
  'coverage.planType.private_pos': 'POS plan',
  'coverage.planType.private_pos.hint': 'Point of service plan.',
  'coverage.planType.medicaid_ffs': 'Medicaid paid by the state',
  'coverage.planType.medicaid_ffs.hint': 'Also called regular or fee-for-service Medicaid.',
  'coverage.planType.medicaid_managed_care': 'Medicaid through a health plan',
  'coverage.planType.medicaid_managed_care.hint':
    'The Medicaid card names a health plan. Also called Medicaid managed care.',
  'coverage.planType.tricare': 'TRICARE',
  'coverage.planType.tricare.hint': 'For people who serve in the military, and for their families.',
  'coverage.planType.va': 'VA health care',
  'coverage.planType.va.hint': 'Care from the Department of Veterans Affairs.',
  'coverage.planType.uninsured': 'No insurance: paying myself',
  'coverage.planType.uninsured.hint': 'We show how to ask the price and where to ask for help paying.',
  'coverage.planType.not_sure': 'I am not sure',
  'coverage.planType.not_sure.hint':
    'Look at the card. It often says HMO, PPO, EPO or POS. Call the number on it to ask.',

  'coverage.summary.heading': 'The plan',
  'coverage.summary.type': 'Kind of plan',
  'coverage.summary.insurer': 'Company or plan',
  'coverage.summary.memberId': 'Member ID',
  'coverage.summary.phone': 'Phone for members',
  'coverage.summary.notGiven': 'Not given',

  'coverage.rules.heading': 'What applies to this plan',
  'coverage.rules.intro': 'Plans differ, so these are the usual rules. Always check with the plan itself.',
  'coverage.rules.matches': 'This matches your case',
  'coverage.rules.topic.general': 'Before you book',
  'coverage.rules.topic.referral': 'Referral',
  'coverage.rules.topic.priorAuth': 'Approval first (prior authorization)',
  'coverage.rules.topic.network': 'Which doctors',
  'coverage.rules.topic.cost': 'What you pay',
  'coverage.rules.topic.secondOpinion': 'The second opinion',
  'coverage.rules.topic.thirdOpinion': 'A third opinion',
  'coverage.rules.topic.tests': 'Tests',
  'coverage.rules.topic.stateLaw': 'State rules',
  'coverage.rules.topic.selfPay': 'Paying yourself',
  'coverage.rules.topic.financialHelp': 'Help paying',
  'coverage.rules.topic.appeal': 'If the answer is no',

  'coverage.script.link': 'Open the call script',
  'coverage.script.linkHint': 'What to say and what to ask, made for this plan and case. You can print it.',
  'coverage.script.title': 'Call script',
  'coverage.script.intro':
    'Have this page and a pen ready when you call. Write down what they say in the call log after.',
  'coverage.script.whomHeading': 'Whom to call',
  'coverage.script.whom.plan': 'Call the plan. Use the member phone number on the insurance card.',
  'coverage.script.whom.medicare':
    'Call the office of the doctor who will give the second opinion. If you have other questions, call Medicare at 1-800-MEDICARE (1-800-633-4227).',
  'coverage.script.whom.medicaidState': 'Call your state Medicaid office. The number is often on the Medicaid card.',
  'coverage.script.whom.uninsured': 'Call the billing office of the doctor or hospital you want to see.',
  'coverage.script.phone': 'Number to call: {phone}',
  'coverage.script.openingHeading': 'What to say first',
  'coverage.script.questionsHeading': 'What to ask',
  'coverage.script.closingHeading': 'Before you hang up',
  'coverage.script.open': 'Hello. I am calling about coverage for {name}.',
  'coverage.script.openUninsured': 'Hello. I am calling for {name}, who does not have health insurance.',
  'coverage.script.openDoctorOffice':
    'Hello. I would like to book a second opinion for {name}, who has Original Medicare.',
  'coverage.script.medicareNumber': 'The Medicare number is {number}.',
  'coverage.script.medicareNumberFromCard':
    'Have the Medicare card ready. The office may ask for the Medicare number on it.',
  'coverage.script.memberId': 'The member ID is {memberId}.',
  'coverage.script.memberIdFromCard': 'Read them the member ID from the insurance card.',
  'coverage.script.about': 'This is about: {about}.',
  'coverage.script.proposed': 'The doctor suggested: {treatment}.',
  'coverage.script.want': 'We want another doctor to look at this before we decide.',
  'coverage.script.urgent': 'The doctor said treatment should start soon, so we need answers quickly.',
  'coverage.script.q.covered': 'Does the plan pay for a second opinion for this?',
  'coverage.script.q.medicareSurgery': 'The doctor wants to do surgery. Do you pay for a second opinion first?',
  'coverage.script.q.medicaidNoCost':
    'A federal rule says Medicaid plans must give a second opinion at no cost to me. How do I get it?',
  'coverage.script.q.doctorAccepts': 'Does the doctor I want to see take new patients with this coverage?',
  'coverage.script.q.referral': 'Do I need a referral from my primary care doctor?',
  'coverage.script.q.priorAuth': 'Do you need to approve the visit first? How do I ask, and how long does it take?',
  'coverage.script.q.referralAndAuth': 'If I get a referral, do I still need approval first?',
  'coverage.script.q.network': 'Does the doctor have to be in your network?',
  'coverage.script.q.findDoctors': 'Can you give me names of doctors in the network who treat {about}?',
  'coverage.script.q.outOfNetworkCost': 'What would I pay if I see a doctor outside the network?',
  'coverage.script.q.medicaidOutside': 'If no doctor in the network can do it, will you arrange one outside it?',
  'coverage.script.q.stateRule': 'Does my state have a rule that lets me go outside the network for a second opinion?',
  'coverage.script.q.selfFunded': 'Is this plan self-funded by my employer? If it is, do state rules apply to it?',
  'coverage.script.q.medicareAssignment':
    'Does the doctor accept Medicare assignment? That means the doctor takes what Medicare approves as full payment.',
  'coverage.script.q.newMedicarePatients': 'Is the doctor taking new patients with Medicare?',
  'coverage.script.q.soonest':
    'The doctor said treatment should start soon. What is the first day the doctor can see me?',
  'coverage.script.q.records': 'Which records should we send before the visit, and where should we send them?',
  'coverage.script.q.visitCost': 'After Medicare pays its share, about how much will I owe for the visit?',
  'coverage.script.q.goodFaithEstimate': 'Please send me a written Good Faith Estimate of the cost.',
  'coverage.script.q.cancerCenter': 'Is there a cancer center in the network? Which one is nearest?',
  'coverage.script.q.cost': 'What will I pay for the visit: copay, coinsurance, deductible?',
  'coverage.script.q.tests': 'If the new doctor orders tests, will you pay for them? What about repeat tests?',
  'coverage.script.q.thirdOpinion': 'If the two doctors disagree, do you pay for a third opinion?',
  'coverage.script.q.fast': 'Treatment may need to start soon. Can you decide quickly?',
  'coverage.script.q.inWriting': 'Can you send me your answer in writing?',
  'coverage.script.q.selfPayPrice': 'What is the price of a second-opinion visit if I pay myself?',
  'coverage.script.q.selfPayIncludes':
    'What does that price include? Does it cover a review of my records, scans or slides?',
  'coverage.script.q.testsPrice': 'If the doctor wants tests, what will they cost?',
  'coverage.script.q.financialHelp': 'Do you have a financial assistance program?',
  'coverage.script.q.howToApply': 'How do I apply, and by when?',
  'coverage.script.q.paymentPlan': 'Can I pay over time?',
  'coverage.script.close.name': 'Ask: "What is your name?" Write it down.',
  'coverage.script.close.reference': 'Ask: "What is the reference number for this call?" Write it down.',
  'coverage.script.close.appointment': 'If you booked a visit, write down the day, the time and the address.',
  'coverage.script.close.next': 'Ask: "What happens next, and by when?"',
  'coverage.script.toLog': 'Write down this call now',

  'coverage.calls.heading': 'Call log',
  'coverage.calls.intro':
    'Write down every call about coverage: the date, whom you spoke to, the reference number and what they said. This record helps if there is a problem later.',
  'coverage.calls.empty': 'No calls written down yet.',
  'coverage.calls.add': 'Write down a call',
  'coverage.calls.title': 'Write down a call',
  'coverage.calls.formIntro':
    'Fill this in during or right after the call, while you remember. Only what they said is required.',
  'coverage.calls.submit': 'Save this call',
  'coverage.calls.draftRestored': 'We brought back what you typed here before it was saved. Check it, then save.',
  'coverage.calls.saved': 'The call is saved in the log.',
  'coverage.calls.savedWithTask': 'The call is saved in the log. The follow-up is on your task list.',
  'coverage.calls.when': '{date} at {time}',
  'coverage.calls.whenNoTime': '{date}',
  'coverage.calls.spokeWith': 'Spoke with',
  'coverage.calls.organization': 'Called',
  'coverage.calls.reference': 'Reference number',
  'coverage.calls.summary': 'What they said',
  'coverage.calls.followUp': 'Follow-up',
  'coverage.calls.followUpBy': 'by {date}',
  'coverage.calls.notGiven': 'Not written down',
  'coverage.field.calledOn': 'Date of the call',
  'coverage.field.calledTime': 'Time of the call',
  'coverage.field.calledTimeHint': 'For example: 2:30 PM.',
  'coverage.field.organization': 'Whom did you call?',
  'coverage.field.organizationHint': 'For example: the plan, or the billing desk at the doctor’s office.',
  'coverage.field.spokeWith': 'Name of the person you spoke to',
  'coverage.field.spokeWithHint': 'Ask for it at the start of the call.',
  'coverage.field.referenceNumber': 'Reference number for the call',
  'coverage.field.referenceNumberHint':
    'Also called a call number, case number or ticket number. Ask for it before you hang up.',
  'coverage.field.summary': 'What did they say?',
  'coverage.field.summaryHint':
    'Write their answers in your own words. For example: no referral needed, approval needed first, copay $40.',
  'coverage.field.followUp': 'What needs to happen next?',
  'coverage.field.followUpHint': 'For example: call back when the approval is decided.',
  'coverage.field.followUpOn': 'By when?',
  'coverage.field.followUpOnHint': 'A date makes a task on your list. For example: 12 15 2026',

  'coverage.priorAuth.heading': 'Approval first (prior authorization)',
  'coverage.priorAuth.intro':
    'Some plans must approve a visit or test before you go. If they do, keep track of it here.',
  'coverage.priorAuth.change': 'Update the approval',
  'coverage.priorAuth.title': 'Approval first (prior authorization)',
  'coverage.priorAuth.submit': 'Save',
  'coverage.priorAuth.saved': 'The approval details are saved.',
  'coverage.priorAuth.status.unknown': 'Not checked yet',
  'coverage.priorAuth.status.not_needed': 'Not needed',
  'coverage.priorAuth.status.requested': 'Asked for, waiting for an answer',
  'coverage.priorAuth.status.approved': 'Approved',
  'coverage.priorAuth.status.denied': 'Denied',
  'coverage.priorAuth.status.unknown.hint': 'Ask the plan on your next call.',
  'coverage.priorAuth.status.not_needed.hint': 'The plan said no approval is needed.',
  'coverage.priorAuth.status.requested.hint': 'The doctor or you asked the plan. We add a task to check on it.',
  'coverage.priorAuth.status.approved.hint': 'Write down the approval number and the last day it is good for.',
  'coverage.priorAuth.status.denied.hint': 'We show how to ask again or appeal.',
  'coverage.field.priorAuthStatus': 'Where is the approval now?',
  'coverage.field.priorAuthNumber': 'Approval number',
  'coverage.field.priorAuthNumberHint':
    'The plan gives you this number when it says yes. It may be called a reference number.',
  'coverage.field.priorAuthRequestedOn': 'Date it was asked for',
  'coverage.field.priorAuthExpiresOn': 'Last day the approval is good for',
  'coverage.field.priorAuthExpiresOnHint': 'The visit must happen by then. For example: 1 31 2027',
  'coverage.field.priorAuthAppealBy': 'Last day to appeal',
  'coverage.field.priorAuthAppealByHint': 'It is in the denial letter. A date makes a task on your list.',
  'coverage.field.priorAuthNotes': 'Notes',
  'coverage.field.priorAuthNotesHint': 'For example: the reason they gave, or who asked for it.',
  'coverage.priorAuth.number': 'Approval number: {number}',
  'coverage.priorAuth.expires': 'Good until {date}',
  'coverage.priorAuth.expired': 'This approval ended on {date}. Ask the plan before the visit.',
  'coverage.priorAuth.requestedOn': 'Asked for on {date}',
  'coverage.priorAuth.appealBy': 'Last day to appeal: {date}',
  'coverage.priorAuth.deniedHeading': 'The plan said no. What you can do',
  'coverage.priorAuth.deniedSteps': 'Keep the denial letter. Write down each call about it in the call log.',

  'coverage.urgent':
    'The doctor said treatment should start soon. Tell the plan this when you call, and ask how fast they can decide.',
  'coverage.noPlanYet': 'No plan chosen yet.',

  'coverage.errors.planRequired': 'Choose the kind of coverage.',
  'coverage.errors.memberId': 'Use only the letters, numbers and dashes on the card.',
  'coverage.errors.phone': 'Enter a phone number with at least 7 digits, like 1-800-555-0100.',
  'coverage.errors.priorAuthStatus': 'Choose where the approval is now.',
  'coverage.errors.approvalNumber': 'Write the approval number. Ask the plan for it if you do not have it.',
  'coverage.errors.calledOn': 'Enter the date of the call.',
  'coverage.errors.summaryRequired': 'Write what they said, even a few words.',

  'coverage.task.callPlan': 'Call {insurer} about coverage for a second opinion',
  'coverage.task.callPlanGeneric': 'Call the health plan about coverage for a second opinion',
  'coverage.task.callMedicare': 'Call the office of the second doctor. Ask: do you accept Medicare assignment?',
  'coverage.task.callBilling': 'Call the billing office: ask the self-pay price and about financial help',
  'coverage.task.followUp': 'Follow up on the call of {date}: {what}',
  'coverage.task.followUpGeneric': 'Follow up on the call of {date}',
  'coverage.task.checkPriorAuth': 'Check on the approval (prior authorization)',
  'coverage.task.appeal': 'Appeal the denial by this date',
  'coverage.task.priorAuthEnds': 'The approval ends: have the visit before this date',

  // Sourced facts (src/content/coverage.ts)
  'content.coverage.callFirst':
    'Most health plans pay for a second opinion. Still, call your plan before you book. Ask what steps it wants you to follow.',
  'content.coverage.ppoSimplest': 'PPO plans often make a second opinion the easiest to get.',
  'content.coverage.managedCare':
    'HMOs and other managed care plans may need to approve the visit first. This is called prior authorization. They may also want you to see a doctor the plan has approved.',
  'content.coverage.repeatTests':
    'Your plan may not pay to do tests again that you already had. Send your records to the new doctor so they can use the results you have.',
  'content.coverage.outsidePlan': 'You can also see a doctor outside your plan and pay the cost yourself.',
  'content.coverage.ppoOutOfNetwork':
    'In a PPO you pay less when you use doctors in the plan’s network. You can see a doctor outside the network without a referral, but you pay more.',
  'content.coverage.hmoNetwork':
    'An HMO usually pays only for doctors who work for it or have a contract with it. It usually does not pay for care outside its network, except in an emergency.',
  'content.coverage.epoNetwork':
    'An EPO pays only for care from doctors and hospitals in its network. The one exception is an emergency.',
  'content.coverage.posReferral':
    'In a POS plan you pay less when you use doctors in its network. You need a referral from your primary care doctor to see a specialist.',
  'content.coverage.stateLaw':
    'Your state may have its own insurance laws, for example about second opinions or seeing a doctor outside the network. These laws reach plans bought from an insurance company. Ask your plan, or your state’s insurance department, what your state’s rules are.',
  'content.coverage.selfFundedPlans':
    'State rules like this do not cover every job-based plan. Many large employers pay the bills for their plan themselves. This is called a self-funded plan. A federal law, ERISA, keeps state insurance rules from applying to it. Ask your plan or your employer which kind you have.',
  'content.coverage.appealAsk':
    'If the plan says no, ask for the decision in writing, with the reason. Ask how to appeal, and the last day you can do it.',
  'content.coverage.appealPrivate':
    'For most plans from a job or the Marketplace, you have 180 days after the denial to appeal. You can send a letter from your doctor with it. If it is urgent, you can ask for an outside review at the same time.',
  'content.coverage.originalNoNetwork':
    'Original Medicare has no network. You can see any doctor in the U.S. who takes Medicare. In most cases you do not need a referral.',
  'content.coverage.originalNoApproval':
    'You can ask for a second opinion on your own. Original Medicare does not need to approve the visit first.',
  'content.coverage.partBSurgery':
    'Medicare Part B helps pay for a second opinion before surgery. The surgery must be needed for your health and not an emergency.',
  'content.coverage.partBProcedures':
    'Part B also helps pay for a second opinion before a major procedure that is not surgery. That can be a test to find out what is wrong, like a heart catheter test. Or it can be a treatment.',
  'content.coverage.partBThird':
    'If the second opinion is different from the first one, Part B also helps pay for a third opinion.',
  'content.coverage.partBCost':
    'You pay 20% of the Medicare-approved amount. You pay it after you meet the Part B deductible.',
  'content.coverage.partBTests': 'If the second doctor needs more tests, Part B helps pay for them too.',
  'content.coverage.partBExcluded':
    'Medicare does not pay for a second opinion on surgery or a procedure that is not needed for your health. Cosmetic surgery is one example.',
  'content.coverage.acceptsMedicare':
    'Make sure the doctor who gives the second opinion takes Medicare. Ask the office before you book.',
  'content.coverage.medicareAssignment':
    'Ask if the doctor accepts Medicare assignment. That doctor takes the Medicare-approved amount as full payment. You then pay only the deductible and your share.',
  'content.coverage.appealOriginalMedicare':
    'If Medicare will not pay, your Medicare Summary Notice says so. To appeal, send a request to the address on that notice. You have 120 days from the day you get the notice.',
  'content.coverage.advantageCoversOriginal':
    'A Medicare Advantage plan must cover all that Original Medicare covers. So it must pay for the same second opinions.',
  'content.coverage.advantageNetworkOrReferral':
    'But a Medicare Advantage plan has its own rules and costs. You may need to use doctors in its network. You may need a referral to see a specialist. Ask the plan about both.',
  'content.coverage.advantagePpo':
    'Some Medicare Advantage plans also pay for care outside the network, but it usually costs you more. Ask if yours does, and how much more.',
  'content.coverage.appealAdvantage':
    'If the plan says no, its letter tells you how to appeal. Ask the plan for an appeal within 60 days of the date on that letter. If waiting could harm your health, ask for a fast appeal.',
  'content.coverage.acceptsMedicaid':
    'Not every doctor takes patients with Medicaid. Ask the doctor’s office before you book.',
  'content.coverage.medicaidNoCost':
    'Medicaid health plans must give you a second opinion at no cost to you. The doctor can be in the plan’s network, or the plan can arrange one outside it. This is a federal rule: 42 CFR 438.206(b)(3).',
  'content.coverage.appealMedicaidPlan':
    'If the plan says no, you can ask the plan for an appeal. You have 60 days from the date on its notice.',
  'content.coverage.fairHearingMedicaidPlan':
    'If the plan still says no after your appeal, you can ask your state for a fair hearing. You have 120 days from the date on the plan’s appeal decision.',
  'content.coverage.fairHearingMedicaid':
    'If Medicaid says no, you can ask your state for a fair hearing. Your state sets the deadline. It is never more than 90 days from the day the notice was mailed.',
  'content.coverage.selfPayPrice':
    'Some large medical centers give a second opinion from your records for a set price that you pay yourself. Ask the price, and what it includes, before you agree.',
  'content.coverage.goodFaithEstimate':
    'If you have no insurance, or will not use it, the office that books your visit must give you a written Good Faith Estimate of the cost. If you book at least 3 workdays ahead, you get it within 1 workday. If you book at least 10 workdays ahead, you get it within 3 workdays. You can also ask for one before you book. Then it comes within 3 workdays.',
  'content.coverage.goodFaithDispute':
    'Keep the estimate. If the bill is $400 or more above it, you can dispute the bill.',
  'content.coverage.financialHelp':
    'Nonprofit hospitals must have a written plan to help patients who cannot pay. Ask the billing office about financial help and how to apply.',
} as const;
