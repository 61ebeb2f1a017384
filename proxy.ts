// Convenience only (docs/architecture.md#authorisation): sends anonymous visitors of app pages to sign-in.
// Every page, action and route handler still checks the user itself.
import { withAuth } from "next-auth/middleware";

export default withAuth({ pages: { signIn: "/signin" } });

// Server action calls (a POST carrying the Next-Action header) are left out: they are not page
// visits, and each action checks its user itself (requireActor); the grid's edits then skip a
// second token decode on their hot path.
export const config = {
  matcher: [
    { source: "/w/:path*", missing: [{ type: "header", key: "next-action" }] },
    { source: "/invite/:path*", missing: [{ type: "header", key: "next-action" }] },
  ],
};
