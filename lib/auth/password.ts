import bcrypt from "bcryptjs";

// bcrypt (maintained pure-JS implementation). Cost 12 is ~250 ms on these machines: slow for an
// attacker, acceptable per sign-in. bcrypt reads only the first 72 bytes, so longer passwords are
// pre-checked by the schema (max 128 chars) and documented.
const COST = Number(process.env.BCRYPT_COST ?? 12);

export async function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// A hash of a random password, compared against when the e-mail is unknown so that a failed
// sign-in takes the same time whether or not the account exists (no enumeration by timing).
export const DUMMY_HASH = "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5V6Qf9dG0HcQ8ZuQ4eH2xk8x9bYp1yW";

export const DEMO_USERS = {
  owner: { email: "owner@nordic-retail.example", name: "Astrid Lindqvist", password: "Caseboard-demo-2027" },
  viewer: { email: "viewer@nordic-retail.example", name: "Erik Solberg", password: "Caseboard-demo-2027" },
} as const;
