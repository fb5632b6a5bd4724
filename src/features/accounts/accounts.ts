import { z } from 'zod';
import { email, requiredText } from '../../platform/validation.ts';

// Account inputs, shared by the pages and the API.

export const PASSWORD_MIN = 12;

// A handful of the passwords people reach for first. Length does most of the work; this
// only catches the obvious ones that happen to be long enough.
const COMMON = new Set([
  'password1234',
  'passwordpassword',
  '123456789012',
  '1234567890123',
  'qwertyuiop12',
  'qwertyuiopas',
  'iloveyou1234',
  'letmein12345',
  'aaaaaaaaaaaa',
  'secondopinion',
  'welcome12345',
]);

export const password = z
  .string('errors.passwordRequired')
  .min(1, 'errors.passwordRequired')
  .min(PASSWORD_MIN, 'accounts.errors.passwordShort')
  .max(200, 'errors.tooLong')
  .refine((p) => !COMMON.has(p.toLowerCase()), 'accounts.errors.passwordCommon');

export const signUpSchema = z.object({
  displayName: requiredText(100, 'accounts.errors.nameRequired'),
  email,
  password,
});
export type SignUpInput = z.infer<typeof signUpSchema>;

export const signInSchema = z.object({
  email,
  password: z.string('errors.passwordRequired').min(1, 'errors.passwordRequired').max(200, 'errors.tooLong'),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const tokenRequestSchema = signInSchema.extend({
  name: requiredText(60).optional(),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string('errors.passwordRequired').min(1, 'errors.passwordRequired').max(200, 'errors.tooLong'),
  newPassword: password,
});

export const resetPasswordSchema = z.object({ newPassword: password });

export const forgotPasswordSchema = z.object({ email });

export const newTokenSchema = z.object({ name: requiredText(60, 'accounts.errors.tokenNameRequired') });

/** The same "no" for a wrong password and an unknown email, so neither can be probed. */
export const SIGN_IN_FAILED = 'accounts.errors.signInFailed' as const;
