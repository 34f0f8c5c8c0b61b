#!/usr/bin/env bash
# End to end: in a list of values a letter goes to the next value starting
# with it after the selected one, cycling (as in tig and htop): the
# component kinds, a trust level, a mitigation's status; a letter no value
# starts with says so.
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

# A first letter looks past the value selected, which Enter takes
# already: with a mitigation proposed, p Enter plans it (ux11 meant
# "planned" and got "proposed" again, counted from the top); p r typed
# on comes back to proposed.
tui_keys Escape
tui_wait 'Step 2 of 7: Trust boundaries'
tui_keys R
tui_wait 'risks, by severity'
tui_keys Tab
tui_wait 'detail (Tab: back to the list'
tui_keys /
tui_type '[proposed]'
tui_keys Enter
tui_keys s
tui_wait "Status of the mitigation 'm-"
tui_keys p Enter
tui_wait "saved: mitigation"
tui_hasnt 'is already proposed'
tui_wait '[planned]'
tui_keys s
tui_wait "Status of the mitigation 'm-"
tui_keys p r Enter
tui_wait "saved: mitigation"
tui_wait '[proposed]'
tui_quit
echo "typeahead: ok"
