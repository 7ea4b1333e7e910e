// The web stage's public API: other stages import from here only (DESIGN §3).
export { createDashboard } from './app.tsx';
export { hashPassword, passwordProblem } from './password.ts';
