/// <reference lib="dom" />
/**
 * The report viewer, bundled into each HTML report (scripts/build-report-viewer.js). It reads the
 * report's data from the inert JSON element and renders it with preact; every string from AWS goes into
 * a text node or an attribute value, never into markup.
 */
import { html, render } from "htm/preact";
import type { ReportData } from "../data";
import { App } from "./app";
import { Packed, unpack } from "../pack";

const data = unpack(JSON.parse(document.getElementById("report-data")?.textContent ?? "null") as Packed) as ReportData;
render(html`<${App} data=${data} />`, document.getElementById("app")!);
