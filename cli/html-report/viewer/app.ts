/// <reference lib="dom" />
/** The report page: the summary first, then the roles with their filters. */
import { html } from "htm/preact";
import { useMemo, useState } from "preact/hooks";
import type { ReportData } from "../data";
import { Filters, NO_FILTERS, visibleRoles } from "./filter";
import { Summary } from "./summary";
import { FilterBar, RoleList } from "./roles";

export function App({ data }: { data: ReportData }) {
    const [filters, setFilters] = useState<Filters>(NO_FILTERS);
    const roles = useMemo(() => visibleRoles(data.roles, filters), [data, filters]);
    const pick = (change: Partial<Filters>) => {
        setFilters({ ...filters, ...change });
        document.getElementById("roles")?.scrollIntoView();
    };
    const what = data.kind === "organization" ? "AWS Organization" : "AWS account";
    return html`<main>
        <h1>Warp Bedrock access: who can get into each Warp role, and what can they do there</h1>
        <p class="sub">Audit of an ${what} (${data.source}), generated ${data.generatedAt}</p>
        <${Summary} data=${data} pick=${pick} />
        <h2 id="roles">Warp roles</h2>
        <${FilterBar} data=${data} filters=${filters} set=${setFilters} shown=${roles.length} />
        <${RoleList} roles=${roles} docsBase=${data.docsBase} organization=${data.kind === "organization"} />
    </main>`;
}
