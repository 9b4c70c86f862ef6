#!/usr/bin/env node
/**
 * `npm run gen:properties`: writes sdk/number-reservation-properties.ts from the
 * built definition (dist/provider/properties.js, so run `npm run build` first).
 */
const fs = require("fs");
const path = require("path");
const { renderSdkProperties } = require("./render");

const ROOT = path.resolve(__dirname, "..", "..");
const { RESERVATION_PROPERTIES, RESERVED_NUMBER_FIELDS } = require(path.join(ROOT, "dist", "provider", "properties.js"));
const target = path.join(ROOT, "sdk", "number-reservation-properties.ts");
fs.writeFileSync(target, renderSdkProperties(RESERVATION_PROPERTIES, RESERVED_NUMBER_FIELDS));
console.log(`wrote ${path.relative(ROOT, target)}`);
