#!/usr/bin/env bash
# End to end: in a list of values a letter goes to the next value starting
# with it, cycling (as in tig and htop): the component kinds, a trust
# level; a letter no value starts with says so.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/lib.sh"
: "${srcdir:=$here/../..}"
tui_newdb y
tui_support "$db"

tui_open_walk "$db"
tui_keys 3
tui_wait 'Step 3 of 7: Components'
tui_keys a
tui_wait 'What kind of component?'
tui_has 'a-z go to'
# d: dataset, data-source, datastore; a: application, agent, application.
tui_keys d d d
tui_keys Enter
tui_wait 'A new component (datastore)'
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
tui_keys a
tui_wait 'What kind of component?'
tui_keys a a a Enter
tui_wait 'A new component (application)'
tui_keys Escape
tui_wait 'Step 3 of 7: Components'
tui_keys a
tui_wait 'What kind of component?'
tui_keys z
tui_wait "no value starting with 'z'"
tui_keys M Enter
tui_wait 'A new component (model)'
tui_keys Escape
tui_wait 'Step 3 of 7: Components'

# The trust of the boundary 'internet': untrusted -> internal.
tui_keys 2
tui_wait 'Step 2 of 7: Trust boundaries'
tui_keys Enter
tui_wait "Trust boundary 'internet'"
# It opens on the name, the field after the id.
tui_keys Down
tui_wait 'trust: '
tui_keys Enter
tui_wait 'anyone can be here'
tui_keys r u i Enter
tui_wait "saved: edit boundary 'internet'"
tui_has 'trust                 internal'
tui_quit
echo "typeahead: ok"
