import { z } from "zod";
import { COMMON_PASSWORDS } from "@/lib/auth/common-passwords";

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email("Enter a valid e-mail address").max(254));

// ASVS 6.2: at least 8 characters, long passphrases allowed, common passwords refused. bcrypt
// reads 72 bytes, so longer passwords are refused rather than silently truncated.
export const passwordSchema = z
  .string()
  .min(8, "Use at least 8 characters")
  .max(128, "Use at most 128 characters")
  .refine((p) => Buffer.byteLength(p, "utf8") <= 72, "Use at most 72 bytes")
  .refine((p) => !COMMON_PASSWORDS.has(p.toLowerCase()), "This password is too common; choose another");

export const signUpSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().max(200).optional(),
});

export const signInSchema = z.object({ email: emailSchema, password: z.string().min(1).max(1024) });
