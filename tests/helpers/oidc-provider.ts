// A real OpenID Connect provider for tests: the `oidc-provider` package (OpenID certified) with
// its defaults, which is what matters: with the code flow it returns scope claims (email,
// email_verified, profile) from UserInfo, not in the ID token. Its development login form takes
// any login name; the account's claims come from `accounts`.
//
// Beside it, a small proxy that stands for a misbehaving provider, by path prefix:
//   /wrong-issuer/...   discovery names another issuer (ID tokens then fail the issuer check)
//   /tamper/...         the token endpoint's ID token has one signature character changed
//   /expired/...        the token endpoint answers after the ID token has expired (its lifetime
//                       is 1 s; the app allows 10 s of clock skew, so 12.5 s later)
// Each prefix serves discovery with its token endpoint through the proxy, and forwards the rest.
import http from "node:http";
import Provider from "oidc-provider";

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
}

export interface TestOidc {
  issuer: string;
  proxy: string; // base of the misbehaving variants: `${proxy}/tamper` etc.
  stop: () => Promise<void>;
}

export const MISBEHAVING = ["wrong-issuer", "tamper", "expired"] as const;

export async function startOidcProvider(opts: {
  port: number;
  proxyPort: number;
  appUrl: string;
  clientIds: string[]; // one client per provider id the app configures; secret = `${id}-secret`
  accounts: Record<string, TestAccount>;
}): Promise<TestOidc> {
  const issuer = `http://localhost:${opts.port}`;
  const provider = new Provider(issuer, {
    clients: opts.clientIds.map((id) => ({
      client_id: id,
      client_secret: `${id}-secret`,
      redirect_uris: [`${opts.appUrl}/api/auth/callback/${id}`],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    })),
    claims: { email: ["email", "email_verified"], profile: ["name", "groups"] },
    async findAccount(_ctx, sub) {
      const account = opts.accounts[sub];
      if (!account) return undefined;
      return { accountId: sub, claims: async () => ({ sub, ...account }) };
    },
    ttl: {
      IdToken: (_ctx, _token, client) => (client.clientId === "expired" ? 1 : 3600),
    },
    cookies: { keys: ["test-cookie-key-0123456789"] },
    pkce: { required: () => true },
  });
  provider.on("server_error", (_ctx, err) => console.error("oidc-provider:", err));
  const server = http.createServer(provider.callback());
  await new Promise<void>((r) => server.listen(opts.port, r));

  const proxyBase = `http://localhost:${opts.proxyPort}`;
  const proxy = http.createServer(async (req, res) => {
    const m = /^\/(wrong-issuer|tamper|expired)(\/.*)$/.exec(req.url ?? "");
    if (!m) return void res.writeHead(404).end();
    const [, mode, rest] = m as unknown as [string, (typeof MISBEHAVING)[number], string];
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const headers = { ...req.headers } as Record<string, string>;
    delete headers.host;
    delete headers["content-length"];
    const upstream = await fetch(`${issuer}${rest}`, {
      method: req.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    let text = await upstream.text();
    if (rest.startsWith("/.well-known/openid-configuration")) {
      const doc = JSON.parse(text) as Record<string, unknown>;
      doc.token_endpoint = `${proxyBase}/${mode}/token`;
      if (mode === "wrong-issuer") doc.issuer = "http://issuer.invalid";
      text = JSON.stringify(doc);
    } else if (rest.startsWith("/token") && upstream.ok) {
      const body = JSON.parse(text) as Record<string, unknown>;
      if (mode === "tamper" && typeof body.id_token === "string") {
        const t = body.id_token;
        const i = t.length - 5;
        body.id_token = t.slice(0, i) + (t[i] === "A" ? "B" : "A") + t.slice(i + 1);
      }
      if (mode === "expired") await new Promise((r) => setTimeout(r, 12_500));
      text = JSON.stringify(body);
    }
    res.writeHead(upstream.status, { "content-type": upstream.headers.get("content-type") ?? "application/json" });
    res.end(text);
  });
  await new Promise<void>((r) => proxy.listen(opts.proxyPort, r));

  return {
    issuer,
    proxy: proxyBase,
    stop: async () => {
      await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => proxy.close(r))]);
      server.closeAllConnections();
      proxy.closeAllConnections();
    },
  };
}
