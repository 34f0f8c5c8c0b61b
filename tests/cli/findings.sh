#!/usr/bin/env bash
# Findings as a reviewer reads them: each derived fact has one definition
# that the register and the report share.
. "${srcdir:-.}/tests/cli/lib.sh"

# A component in no boundary: whether the flow to it crosses a trust
# boundary is not known. The risk's reason says so ("assumed"), and the
# report's flow table must not print "yes" for it.
cat >"$T/nob.yaml" <<'YAML'
parapet: 1
system: { id: nob, name: No boundary, criticality: medium }
boundaries:
  - { id: cloud, name: Cloud, trust: internal }
components:
  - { id: app, name: App, kind: application, boundary: cloud }
  - { id: store, name: Store, kind: datastore, personal-data: true }
flows:
  - { id: save, from: app, to: store, data: [personal-data], encrypted: false }
YAML
run import "$T/nob.yaml" "$T/nob.db"
expect_rc 0 "import of a component in no boundary"
run risk "$T/nob.db" flow-unencrypted-sensitive@store
expect_rc 0 "the unencrypted flow is a risk"
expect_out "assumed: flow 'save' crosses a trust boundary ('store' has no boundary)" \
    "the reason says the crossing is assumed"
run export "$T/nob.db" --format markdown
expect_rc 0 "markdown export"
grep -q '^|[^|]*| `save` | `app` | `store` | personal-data | unknown |' "$T/out" ||
    fail "the report's flow table says the crossing is unknown"

finish
