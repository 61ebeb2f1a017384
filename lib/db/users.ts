import "server-only";
import { DUMMY_HASH, hashPassword, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { prisma } from "./client";

export interface UserDTO {
  id: string;
  email: string;
  name: string | null;
  locale: string;
}
const userSelect = { id: true, email: true, name: true, locale: true } as const;

// Creates an account. A taken e-mail answers the same outward error as any other refusal the
// sign-up form shows; see docs/decisions.md#sign-up-and-enumeration for why sign-up cannot be fully enumeration-proof.
export async function createUserWithPassword(input: {
  email: string;
  password: string;
  name?: string;
}): Promise<UserDTO> {
  const existing = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing)
    throw new AppError("conflict", "This e-mail cannot be used to sign up. If it is yours, sign in instead.");
  return prisma.user.create({
    data: { email: input.email, name: input.name?.trim() || null, passwordHash: await hashPassword(input.password) },
    select: userSelect,
  });
}

// The same work whether or not the account exists, so timing does not tell.
export async function verifyCredentials(email: string, password: string): Promise<UserDTO | null> {
  const user = await prisma.user.findUnique({ where: { email }, select: { ...userSelect, passwordHash: true } });
  const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
  if (!user || !user.passwordHash || !ok) return null;
  const { passwordHash: _ignored, ...dto } = user;
  return dto;
}

export async function getUserById(userId: string): Promise<UserDTO | null> {
  return prisma.user.findUnique({ where: { id: userId }, select: userSelect });
}

export async function setUserLocale(userId: string, locale: string): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { locale } });
}
