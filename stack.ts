// The stack program that `pulumi up` runs: see README.md for every config key.
import { runStackProgram } from "./components/stack-program";

export = runStackProgram();
