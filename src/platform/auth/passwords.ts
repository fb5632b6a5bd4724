import { hash, verify } from '@node-rs/argon2';

// Algorithm 2 is argon2id in @node-rs/argon2's enum; spelled out so the const enum
// does not have to cross module boundaries.
const ARGON2ID = 2;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(stored: string, password: string): Promise<boolean>;
}

/** argon2id, the current OWASP recommendation. Costs come from config (lower in tests). */
export function createPasswordHasher(cost: { memoryCost: number; timeCost: number }): PasswordHasher {
  return {
    hash: (password) =>
      hash(password, { algorithm: ARGON2ID, memoryCost: cost.memoryCost, timeCost: cost.timeCost, parallelism: 1 }),
    async verify(stored, password) {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
  };
}
