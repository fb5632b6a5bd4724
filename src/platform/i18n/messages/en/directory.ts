// Step 5, the specialist directory search.
export const directory = {
  'directory.errors.specialty': 'Type a specialty, such as heart or cancer.',
  'directory.errors.zip': 'Type a ZIP code with 5 numbers.',
  'directory.errors.zipUnknown': 'We could not find that ZIP code. Check the numbers.',
  'directory.errors.radius': 'Choose 10, 25, 50 or 100 miles.',
} as const;
