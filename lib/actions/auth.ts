"use server";
import { createUserWithPassword } from "@/lib/db/users";
import { signUpSchema } from "@/lib/validation/auth";
import { runAction } from "./result";

export async function signUpAction(input: { email: string; password: string; name?: string }) {
  return runAction(async () => {
    const data = signUpSchema.parse(input);
    const user = await createUserWithPassword(data);
    return { email: user.email };
  });
}
