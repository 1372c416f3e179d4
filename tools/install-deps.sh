#!/usr/bin/env bash
# Installs the Debian packages boardpack needs to build, run and be tested,
# when any is missing: with apt-get directly as root, through sudo otherwise.
set -euo pipefail

packages=(
  build-essential pkg-config
  libxml2-dev libcairo2-dev libpango1.0-dev libfontconfig-dev libqpdf-dev zlib1g-dev
  fonts-liberation2 fonts-noto-core fonts-wqy-microhei fonts-noto-cjk
  libxml2-utils poppler-utils qpdf valgrind clang
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ $status == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "boardpack: installing missing packages: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then
  sudo=()
elif command -v sudo >/dev/null; then
  sudo=(sudo)
else
  echo "boardpack: error: missing packages (${missing[*]}) and neither root nor sudo" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# An outdated package list makes installs fail; refresh it first.
"${sudo[@]}" apt-get update -qq || true
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
