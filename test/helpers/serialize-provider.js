// Serializes a provider module the way `pulumi.dynamic.Resource` does and prints the
// `__provider` text. Run with plain node (not inside jest, whose module registry would
// hide modules from Pulumi's closure serializer): node serialize-provider.js <module>
const pulumi = require("@pulumi/pulumi");
const provider = require(require("path").resolve(process.argv[2]));
pulumi.runtime
  .serializeFunction(() => provider, { allowSecrets: true })
  .then((sf) => process.stdout.write(sf.text))
  .catch((err) => {
    console.error(err.stack || String(err));
    process.exit(1);
  });
