#!/usr/bin/env bash
# Install everything fnnsim needs on a fresh Debian 12 machine, as root, from the
# repository root: the Debian libraries Qt needs (offscreen and on a real X display),
# fonts (Latin and CJK), Xvfb for headless screenshots, then fnnsim with its test extras.
set -euo pipefail
cd "$(dirname "$0")/.."

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends \
    libegl1 libgl1 libxkbcommon0 libfontconfig1 fonts-dejavu-core fonts-noto-cjk \
    libdbus-1-3 libglib2.0-0 \
    libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 \
    libxcb-render-util0 libxcb-shape0 libxcb-xkb1 xvfb xauth \
    desktop-file-utils appstream shared-mime-info >/dev/null

python3 -m pip install --quiet --disable-pip-version-check -e '.[test,onnx,packaging]'

# Compile the fast path once now (~10 s), so the first launch does not wait for it.
python3 -c "from fnnsim.fast import load_fast_backend; load_fast_backend()" \
    || echo "note: the fast path did not compile; fnnsim will use the reference engine"
