// Words every page uses: layout, forms, errors.
export const common = {
  'app.name': 'Second Opinion',

  'layout.skip': 'Skip to main content',
  'layout.menu': 'Menu',
  'layout.closeMenu': 'Close menu',
  'layout.primaryNav': 'Main menu',
  'layout.breadcrumbs': 'You are here',
  'layout.textSize': 'Text size:',
  'layout.textSize.normal': 'Normal',
  'layout.textSize.large': 'Large',
  'layout.textSize.xlarge': 'Extra large',
  'layout.signedInAs': 'Signed in as {name}',

  'nav.dashboard': 'My cases',
  'nav.patients': 'People',
  'nav.settings': 'Settings',
  'nav.signOut': 'Sign out',
  'nav.signIn': 'Sign in',
  'nav.signUp': 'Create an account',

  'footer.notAdviceTitle': 'This is not medical advice.',
  'footer.notAdvice':
    'Second Opinion helps you get organized, ask good questions, and compare what doctors tell you. It does not diagnose anything or tell you which treatment to choose. Talk with your doctors about your care.',
  'footer.emergency': 'Is it an emergency? Call 911 or go to the nearest emergency room.',

  'form.optional': '(optional)',
  'form.choose': '- Choose -',
  'form.dateHint': 'For example: 4 28 1956',
  'form.month': 'Month',
  'form.day': 'Day',
  'form.year': 'Year',
  'form.errorSummary': 'Please fix {count} thing(s) on this page',
  'form.email': 'Email address',
  'form.password': 'Password',
  'form.save': 'Save',
  'form.saved': 'Your changes are saved.',
  'form.cancel': 'Cancel',

  'stale.heading': 'Someone changed this while you were working on it',
  'stale.text':
    'Your changes are not saved yet. Someone else saved this page after you opened it. Their version is saved now. Check the differences below. Your changes are still in the form: to keep them, save again.',
  'stale.caption': 'What is saved now, next to what you typed',
  'stale.field': 'Part of the page',
  'stale.saved': 'Saved now',
  'stale.yours': 'What you typed',
  'stale.empty': '(empty)',
  'form.print': 'Print this page',

  'errors.required': 'Please fill this in.',
  'errors.chooseOne': 'Please choose one.',
  'errors.tooLong': 'This is too long. Please shorten it.',
  'errors.invalid': 'Some of what was sent is not right. Please check the fields.',
  'errors.invalidFormat': 'This is not in the right format.',
  'errors.date': 'Enter a real date, like 4 28 1956.',
  'errors.dateInFuture': 'This date is in the future. Enter today or an earlier date.',
  'errors.zip': 'Enter a 5-digit ZIP code, like 60614.',
  'errors.email': 'Enter an email address like name@example.com.',
  'errors.emailRequired': 'Enter your email address.',
  'errors.passwordRequired': 'Enter your password.',
  'errors.notFound': 'We could not find that page.',
  'errors.unauthorized': 'Please sign in first. Send a valid bearer token.',
  'errors.csrf':
    'For your safety, we did not save this form. The page was open too long, or it came from somewhere else.',
  'errors.tooMany': 'Too many tries in a short time. Please wait a few minutes and try again.',
  'errors.tooLarge': 'What you sent is too large. Please send something smaller.',
  'errors.staleWrite':
    'Someone changed this after you read it. Read it again, then make your change on the newest version.',
  'errors.mediaType': 'We cannot read this kind of content here.',
  'errors.badRequest': 'We could not read this request. Please check it and try again.',
  'errors.badJson': 'The JSON in this request is not valid.',
  'errors.controlCharacters': 'This has a hidden control character, such as a null character. Please remove it.',
  'errors.cannotStore': 'We cannot save some of what was sent. Please check for very long text or unusual characters.',
  'errors.sameTime': 'Someone saved the same thing at the same moment. Please read it again and try once more.',
  'errors.tooDeep': 'This request has too many levels of nesting for us to read.',
  'errors.server': 'Something went wrong on our side. Nothing you did caused it.',
  'errors.databaseUnavailable':
    'We cannot reach our database just now, so nothing was saved. Please try again in a minute.',

  'errorPage.notFound.title': 'Page not found',
  'errorPage.notFound.help':
    'The link may be old, or the page may have moved. If you typed the address, check it for mistakes.',
  'errorPage.notFound.signIn': 'Sign in to see your own cases',
  'errorPage.csrf.title': 'Please try that again',
  'errorPage.csrf.step1': 'Go back to the form.',
  'errorPage.csrf.step2': 'Reload the page so it is fresh. What you typed may need to be entered again.',
  'errorPage.csrf.step3': 'Send the form again.',
  'errorPage.tooLarge.title': 'Too large',
  'errorPage.tooMany.title': 'Please wait a moment',
  'errorPage.server.title': 'Something went wrong',
  'errorPage.server.help':
    'Please try again in a few minutes. If it keeps happening, tell the person who runs this app.',
  'errorPage.generic.title': 'We could not do that',
  'errorPage.toDashboard': 'Go to my cases',
  'errorPage.toHome': 'Go to the home page',

  'content.source': 'Source',

  'mail.reset.subject': 'Reset your Second Opinion password',
  'mail.reset.body':
    'Someone asked to reset the password for your Second Opinion account.\n\nTo choose a new password, open this link within one hour:\n{link}\n\nIf you did not ask for this, you can ignore this message. Your password has not changed.',
} as const;
