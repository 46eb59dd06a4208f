// Copies the KERN UX styles, the font files they use and the licence into static/vendor/kern/.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const kern = join(here, "node_modules", "@kern-ux", "native");
const target = join(here, "..", "static", "vendor", "kern");
const version = JSON.parse(readFileSync(join(kern, "package.json"), "utf8")).version;

// KERN uses the weights 400, 500 and 600; 700 serves <strong> and <b>.
const KEEP = ["Regular", "Italic", "Medium", "SemiBold", "Bold"];

mkdirSync(join(target, "fonts", "fira-sans"), { recursive: true });
copyFileSync(join(kern, "dist", "kern.min.css"), join(target, "kern.min.css"));
copyFileSync(join(kern, "LICENSE.md"), join(target, "LICENSE.md"));

const faces = readFileSync(join(kern, "dist", "fonts", "fira-sans.css"), "utf8")
  .split("@font-face")
  .filter((block) => KEEP.some((name) => block.includes(`FiraSans-${name}.woff2`)))
  .map((block) => `@font-face${block.trim()}`);
writeFileSync(
  join(target, "fonts", "fira-sans.css"),
  `/* Fira Sans from @kern-ux/native ${version}, limited to the weights the site uses. */\n` +
    faces.join("\n\n") +
    "\n",
);
for (const name of KEEP) {
  const file = `FiraSans-${name}.woff2`;
  copyFileSync(join(kern, "dist", "fonts", "fira-sans", file), join(target, "fonts", "fira-sans", file));
}
writeFileSync(join(target, "VERSION"), `@kern-ux/native ${version}\n`);
console.log(`KERN UX ${version} copied to ${target}`);
