// No configuration: both packages work in Next.js as installed (no
// serverExternalPackages, no webpack rules).
export default {};
