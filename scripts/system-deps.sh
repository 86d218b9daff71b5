#!/usr/bin/env bash
# Installs the Debian packages that running and testing hallterm need, when they are missing.
# As root it installs them; otherwise it lists what is missing and carries on (the tests that need a
# missing part will fail with a clear message rather than this script failing for a non-root developer).
set -euo pipefail

# What each group is for, so the list stays explainable:
qt_runtime=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
            libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-xinerama0
            libxcb-shape0 libxcb-randr0 libxcb-xkb1 libpulse0)
screens=(xvfb xauth fonts-noto-cjk)          # a real X server for screenshots, CJK glyphs for every screen
documents=(poppler-utils fonts-wqy-microhei)  # pdftotext / pdffonts / pdftoppm; a TrueType CJK font reportlab can embed
services=(postgresql)                        # hall_server runs its test suite on PostgreSQL too
printing=(cups cups-client printer-driver-cups-pdf ghostscript)  # real cupsd with a cups-pdf queue in tests
voice=(espeak-ng)                            # the call display speaks through espeak-ng (cmn-latn-pinyin voice)
smartcards=(pcscd vsmartcard-vpcd libpcsclite-dev swig pkg-config gcc)  # pyscard builds from source; real pcscd in tests

packages=("${qt_runtime[@]}" "${screens[@]}" "${documents[@]}" "${services[@]}" "${smartcards[@]}" "${printing[@]}" "${voice[@]}" "$@")

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  echo "system-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "system-deps: missing (run as root or install them): ${missing[*]}" >&2
fi
