/** Small Markdown helpers for the generated reference: tables whose cells keep code spans as written. */

/** Escapes a cell: `|` everywhere; `<`, `>` outside code spans (so `scoped_principal:<team>` stays visible). */
export function cell(text: string): string {
    return text
        .split(/(`[^`]*`)/)
        .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;")))
        .join("")
        .replace(/\|/g, "\\|")
        .replace(/\n/g, " ");
}

export function code(text: string): string {
    return `\`${text}\``;
}

export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
    const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
    return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

export function fence(lang: string, body: string): string {
    return `\`\`\`${lang}\n${body.replace(/\n+$/, "")}\n\`\`\``;
}
