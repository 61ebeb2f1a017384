// Convenience only (style.md principle 2): sends anonymous visitors of app pages to sign-in.
// Every page, action and route handler still checks the user itself.
import { withAuth } from "next-auth/middleware";

export default withAuth({ pages: { signIn: "/signin" } });

export const config = { matcher: ["/w/:path*", "/invite/:path*"] };
