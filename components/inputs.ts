/** Telling plain values from Pulumi Outputs and promises, so plain input can be validated at once. */
import * as pulumi from "@pulumi/pulumi";

function containsDeferred(value: unknown): boolean {
    if (pulumi.Output.isInstance(value) || value instanceof Promise) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsDeferred);
    }
    if (value !== null && typeof value === "object") {
        return Object.values(value).some(containsDeferred);
    }
    return false;
}

/**
 * Wraps a check of resolved values for use in `apply`. A refusal is raised once, as the error itself, and
 * the result never resolves rather than rejecting: a rejection would reach every dependent property of
 * every child and surface once per property (dozens of copies of one error), while a result that never
 * resolves keeps every child from registering all the same.
 */
export function refusedOnce<A, T>(check: (value: A) => T): (value: A) => T {
    let refused = false;
    return (value) => {
        try {
            return check(value);
        } catch (e) {
            // The one unhandled rejection: the program fails with this error, and nothing else waits on it.
            // (The SDK may run an apply's callback more than once: the refusal is raised the first time only.)
            if (!refused) {
                refused = true;
                void Promise.reject(e);
            }
            return new Promise<never>(() => undefined) as unknown as T;
        }
    };
}

/**
 * Plain args are validated synchronously, so a bad value throws from the constructor before any child
 * exists. Args holding Outputs (a StackReference, another resource) are validated once they resolve; every
 * child takes its inputs from the result, so a refusal then still keeps every child from registering.
 */
export function validated<T>(args: object, validate: (raw: unknown) => T): pulumi.Output<T> {
    if (!containsDeferred(args)) {
        return pulumi.output(validate(args) as any) as unknown as pulumi.Output<T>;
    }
    return pulumi.output(args as any).apply(refusedOnce((resolved: unknown) => validate(resolved) as any)) as unknown as pulumi.Output<T>;
}
