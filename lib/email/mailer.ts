// E-mail through nodemailer when SMTP_URL is set; otherwise nothing is sent. Callers send after
// their transaction committed and never wait on, or fail because of, the mail server: a failure
// is logged (without addresses or bodies) and swallowed.
import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { readEnv } from "@/lib/env";

const globalForMail = globalThis as unknown as { caseboardMailer?: { url: string; transport: Transporter } };

function transport(): Transporter | null {
  const url = readEnv().SMTP_URL;
  if (!url) return null;
  if (globalForMail.caseboardMailer?.url !== url)
    globalForMail.caseboardMailer = { url, transport: nodemailer.createTransport(url) };
  return globalForMail.caseboardMailer.transport;
}

export function mailEnabled(): boolean {
  return !!readEnv().SMTP_URL;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export async function sendMail(mail: Mail): Promise<boolean> {
  const t = transport();
  if (!t) return false;
  try {
    await t.sendMail({
      from: readEnv().SMTP_FROM ?? "Caseboard <caseboard@localhost>",
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
    });
    return true;
  } catch (error) {
    console.error(JSON.stringify({ event: "mail-failed", message: (error as Error).message?.slice(0, 200) }));
    return false;
  }
}
