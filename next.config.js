import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Docker image builds the standalone server (NEXT_OUTPUT=standalone); `npm start` uses next start.
  output: process.env.NEXT_OUTPUT === "standalone" ? "standalone" : undefined,
  poweredByHeader: false,
  // piscina starts its worker threads from a file of its own package (and ours from
  // lib/workers/worker.mjs, resolved at run time): it must stay a plain node_modules require.
  serverExternalPackages: ["piscina"],
  // The report's fonts are read from node_modules at run time: keep them in the standalone output.
  outputFileTracingIncludes: {
    "/api/v1/cases/[caseId]/report.pdf": [
      "./node_modules/@expo-google-fonts/inter/{400Regular,600SemiBold,700Bold}/*.ttf",
      "./node_modules/@expo-google-fonts/noto-sans-sc/{400Regular,700Bold}/*.ttf",
    ],
    "/api/v1/workspaces/[workspace]/portfolio/report.pdf": [
      "./node_modules/@expo-google-fonts/inter/{400Regular,600SemiBold,700Bold}/*.ttf",
      "./node_modules/@expo-google-fonts/noto-sans-sc/{400Regular,700Bold}/*.ttf",
    ],
  },
  reactStrictMode: true,
  // Spreadsheet imports send the file to a server action (lib/actions/spreadsheet.ts), which
  // refuses files over 20 MB by name; the transport allows that plus the form's overhead.
  experimental: { serverActions: { bodySizeLimit: "21mb" } },
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          // docs/enterprise-sign-in.md#security-headers-and-sessions
          { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
