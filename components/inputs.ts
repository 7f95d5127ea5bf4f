/** Telling plain values from Pulumi Outputs and promises, so plain input can be validated at once. */
import * as pulumi from "@pulumi/pulumi";

export function containsDeferred(value: unknown): boolean {
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
 * Plain args are validated synchronously, so a bad value throws from the constructor before any child
 * exists. Args holding Outputs (a StackReference, another resource) are validated once they resolve; every
 * child takes its inputs from the result, so a refusal then still keeps every child from registering.
 */
export function validated<T>(args: object, validate: (raw: unknown) => T): pulumi.Output<T> {
    if (!containsDeferred(args)) {
        return pulumi.output(validate(args) as any) as unknown as pulumi.Output<T>;
    }
    return pulumi.output(args as any).apply((resolved: unknown) => validate(resolved) as any) as unknown as pulumi.Output<T>;
}
