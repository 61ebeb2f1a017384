// Tests run outside React Server Components; "server-only" guards builds, not tests.
export {};
