import { KioskSignIn, Login, Me, MeAnswer } from '../auth.js';
import { Done } from './answers.js';
import { route } from './route.js';

const PEOPLE = ['admin', 'duty_manager', 'ccu_operator', 'officer', 'police_liaison'] as const;

/** Signing in and out: the session is an HttpOnly cookie the answer sets (docs/security.md). */
export const AUTH_ROUTES = {
  'POST /api/login': route({
    tag: 'Sign-in',
    summary: 'Sign in with a username and password',
    description: 'Sets the session cookie. Repeated failures are limited per account and per address (docs/security.md).',
    access: 'public',
    body: Login,
    response: Me,
    refusals: ['invalid_credentials', 'rate_limited'],
  }),
  'POST /api/kiosk/session': route({
    tag: 'Sign-in',
    summary: "Sign a wall display in with its one-time enrolment link's token",
    access: 'public',
    body: KioskSignIn,
    response: Me,
    refusals: ['invalid_credentials'],
  }),
  // Public: the sign-in page's first question ("who am I?") is answered null when nobody is, never refused.
  'GET /api/me': route({ tag: 'Sign-in', summary: 'Who is signed in on this session (null: nobody)', access: 'public', response: MeAnswer }),
  'POST /api/logout': route({ tag: 'Sign-in', summary: 'End this session', access: 'signed-in', response: Done }),
  'POST /api/logout-everywhere': route({ tag: 'Sign-in', summary: "End every one of this person's sessions", access: PEOPLE, response: Done }),
};
