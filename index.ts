// The components' entry as Pulumi's schema analyzer finds it: `pulumi package add` reads the component
// schema from the package's root index.ts (package.json's exports and main name compiled JavaScript, which
// has no TypeScript twin). The stack program `pulumi up` runs is stack.ts (Pulumi.yaml's main).
export * from "./components";
