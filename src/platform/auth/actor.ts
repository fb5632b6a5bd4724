/** Who is making a request. Routes and policies only ever see this. */
export type Actor =
  | { kind: 'anonymous' }
  | {
      kind: 'user';
      userId: string;
      displayName: string;
      email: string;
      /** How they proved it: a browser session or an API token. */
      via: 'session' | 'token';
      sessionId?: string;
      tokenId?: string;
    };

export type UserActor = Extract<Actor, { kind: 'user' }>;

export const anonymous: Actor = { kind: 'anonymous' };
