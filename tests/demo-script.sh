#!/usr/bin/env bash
# demo-script.sh: scripts/demo.sh as a new user meets it, README's first
# command. It installs what building and running needs, not the test
# tools (no PostgreSQL server for a demo), and what the build tools print
# is kept out of sight unless they fail. The tools are stand-ins on PATH
# (dpkg-query, autoreconf, make) in a copy of scripts/: nothing is
# installed or built.
set -u
srcdir="${srcdir:-.}"
fail() { echo "FAIL: $*" >&2; exit 1; }
tmp="$(mktemp -d "${TMPDIR:-/tmp}/parapet-demo.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tree/scripts" "$tmp/bin"
cp "$srcdir/scripts/demo.sh" "$srcdir/scripts/install-deps.sh" \
    "$tmp/tree/scripts/"
cp "$srcdir/configure.ac" "$tmp/tree/"

# install-deps.sh --build --list: every library configure.ac asks for
# (its messages name the -dev package), and none of the test tools.
pk="$(bash "$tmp/tree/scripts/install-deps.sh" --build --list)" ||
    fail "install-deps.sh --build --list failed"
need="$(sed -n 's/.*install \(lib[a-z0-9]*-dev\) (scripts.*/\1/p' \
    "$srcdir/configure.ac")"
[ "$(wc -l <<<"$need")" -ge 5 ] ||
    fail "configure.ac's messages no longer name the libraries: $need"
for p in $need; do
	grep -qx "$p" <<<"$pk" || fail "--build leaves out $p, which configure needs"
done
for p in postgresql clang valgrind tmux nodejs zsh; do
	grep -qx "$p" <<<"$pk" && fail "--build installs $p, a test tool"
done
all="$(bash "$tmp/tree/scripts/install-deps.sh" --list)"
grep -qx postgresql <<<"$all" || fail "without --build, postgresql is missing"
bash "$tmp/tree/scripts/install-deps.sh" --bogus >/dev/null 2>&1
[ $? -eq 2 ] || fail "an unknown option is not a usage error"

# The stand-ins: every package installed (and each asked for is noted),
# autoreconf and configure chatter on standard error, make "builds" a
# parapet that says how it was called.
cat >"$tmp/bin/dpkg-query" <<'S'
#!/bin/sh
for a; do last="$a"; done
echo "$last" >>"$STUB_LOG"
printf 'install ok installed'
S
cat >"$tmp/bin/autoreconf" <<'S'
#!/bin/sh
echo "configure.ac:13: installing 'build-aux/tap-driver.sh'" >&2
printf '#!/bin/sh\necho "checking for gcc... gcc" >&2\n: >Makefile\n' >configure
chmod +x configure
S
cat >"$tmp/bin/make" <<'S'
#!/bin/sh
echo "make: building" >&2
printf '#!/bin/sh\necho "PARAPET $*"\n' >parapet
chmod +x parapet
S
chmod +x "$tmp/bin/"*
export STUB_LOG="$tmp/asked"
out="$(cd "$tmp/tree" && PATH="$tmp/bin:$PATH" bash scripts/demo.sh \
    2>"$tmp/err")" || fail "demo.sh failed: $(cat "$tmp/err")"
grep -q postgresql "$tmp/asked" && fail "demo.sh asks for postgresql"
grep -qx libyaml-dev "$tmp/asked" || fail "demo.sh does not ask for libyaml-dev"
grep -q "installing 'build-aux\|checking for\|make: building" "$tmp/err" &&
    fail "demo.sh shows the build tools' output: $(cat "$tmp/err")"
grep -q "PARAPET new demo.db --template rag-assistant" <<<"$out" ||
    fail "demo.sh did not create the demo model: $out"
grep -qx "PARAPET demo.db" <<<"$out" || fail "demo.sh did not open demo.db: $out"

# A build tool that fails shows what it printed.
cat >"$tmp/bin/make" <<'S'
#!/bin/sh
echo "src/x.c:1: error: something broke" >&2
exit 2
S
rm -f "$tmp/tree/build/parapet"
(cd "$tmp/tree" && PATH="$tmp/bin:$PATH" bash scripts/demo.sh \
    >/dev/null 2>"$tmp/err") && fail "demo.sh went on after make failed"
grep -q "something broke" "$tmp/err" ||
    fail "a failed build does not show its output: $(cat "$tmp/err")"
echo "demo-script.sh: ok"
