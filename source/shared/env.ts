/** The environment a run reads (process.env, or a test's own): never written to. */
export type Env = Readonly<Record<string, string | undefined>>;
