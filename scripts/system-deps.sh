#!/usr/bin/env bash
# System packages the project uses beyond npm: DejaVu fonts (text in the PNG charts) and, for the
# tests, Debian's chromium (the report page is checked in a real headless browser) and OpenSSH, client
# and server, with iproute2 (the SSH transport is tested between network namespaces, each with its sshd).
# Installs what is missing when it can (Debian's apt-get, as root); otherwise says what is missing
# and carries on: charts then have PNGs without text, and the browser test is skipped.
#   scripts/system-deps.sh fonts            (before npm run bench)
#   scripts/system-deps.sh fonts chromium openssh   (before npm test)
set -u
missing=()
for need in "$@"; do
  case "$need" in
    fonts) [ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core) ;;
    chromium) [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
    openssh)
      command -v ssh >/dev/null || missing+=(openssh-client)
      [ -x /usr/sbin/sshd ] || missing+=(openssh-server)
      command -v ip >/dev/null || missing+=(iproute2) ;;
    *) echo "system-deps: unknown need '$need'" >&2; exit 2 ;;
  esac
done
[ ${#missing[@]} -eq 0 ] && exit 0
if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "system-deps: installing ${missing[*]} (Debian packages)" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >&2 \
    || echo "system-deps: could not install ${missing[*]}; continuing without" >&2
else
  echo "system-deps: missing ${missing[*]} (install them as root with apt-get); continuing without" >&2
fi
exit 0
