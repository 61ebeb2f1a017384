// SCIM 2.0 provisioning for identity providers (Okta, Entra ID, ...): lib/scim/handler.ts.
import { handleScim } from "@/lib/scim/handler";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ path?: string[] }> };
const handle = async (req: Request, ctx: Context) => handleScim(req, (await ctx.params).path ?? []);

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE };
