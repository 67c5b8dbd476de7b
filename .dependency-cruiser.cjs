/**
 * The architecture as rules (npm run lint): imports point one way — routes → curation (use cases)
 * → repositories → db — everything may use domain/, domain/ uses nothing of the project, and
 * the UI reads only the API's domain/.
 */
module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', comment: 'Two modules that import each other are one concern split wrongly.', from: {}, to: { circular: true } },
    {
      name: 'domain-uses-nothing',
      severity: 'error',
      comment: 'The model, its schemas and pure rules depend on no other folder of the project.',
      from: { path: '^api/src/domain/' },
      to: { path: '^(api|ui|seed|bench|db|test)/', pathNot: '^api/src/domain/' },
    },
    {
      name: 'repositories-serve-only',
      severity: 'error',
      comment: 'Repositories hold queries and return plain records; they never reach up to HTTP, routes, use cases or formats.',
      from: { path: '^api/src/repositories/' },
      to: { path: '^api/src/(http|routes|curation|export|spreadsheets|analytics|auth|cli)/' },
    },
    {
      name: 'use-cases-below-http',
      severity: 'error',
      comment: 'Use cases know nothing of Express: routes call them.',
      from: { path: '^api/src/curation/' },
      to: { path: '^api/src/(http|routes)/' },
    },
    {
      name: 'db-is-the-bottom',
      severity: 'error',
      from: { path: '^api/src/db/' },
      to: { path: '^api/src/(http|routes|curation|repositories|export|spreadsheets|analytics)/' },
    },
    {
      name: 'ui-reads-only-the-domain',
      severity: 'error',
      comment: 'The UI bundles nothing of the server: from the API it imports domain/ (types and schemas) only.',
      from: { path: '^ui/src/' },
      to: { path: '^api/', pathNot: '^api/src/domain/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|target)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.svelte'] },
  },
};
