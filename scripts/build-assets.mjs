// Compile our Sass (GOV.UK Frontend with our settings), mirror it for
// right-to-left languages, and copy the pieces of GOV.UK Frontend we serve
// ourselves into portal/static/dist.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import rtlcss from "rtlcss";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const frontend = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const out = join(root, "portal", "static", "dist");
mkdirSync(out, { recursive: true });

const result = sass.compile(join(root, "assets", "scss", "main.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "mixed-decls", "global-builtin", "slash-div"],
});
writeFileSync(join(out, "main.css"), result.css);
// Right-to-left pages (Arabic, Pashto, Dari, Sorani) get a mirrored copy:
// GOV.UK Frontend is written left-to-right only.
writeFileSync(join(out, "main.rtl.css"), rtlcss.process(result.css));
cpSync(join(frontend, "govuk-frontend.min.js"), join(out, "govuk-frontend.min.js"));
cpSync(join(frontend, "assets", "images"), join(out, "assets", "images"), { recursive: true });
console.log(`built ${join(out, "main.css")} (${result.css.length} bytes)`);
