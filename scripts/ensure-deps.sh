#!/usr/bin/env bash
# Installs the Debian packages SparseScape needs when they are missing (apt-get; sudo when not root),
# and checks that a Swift toolchain is on PATH. Safe to run repeatedly: it does nothing when all is there.
#   OpenBLAS + LAPACKE: every dense operation;  ncursesw: the terminal UI (ncurses-term: the *-direct terminfo
#   entries for 24-bit colour);  zlib: compressed .npz point files;
#   tmux: the end-to-end UI tests;  librsvg2-bin: rsvg-convert, to render the --plot figures to PNG in the tests;
#   numpy and safetensors (pip): the tests that write PyTorch checkpoints with Hugging Face's safetensors package;
#   the de_DE.UTF-8 locale (localedef): the test that number parsing ignores a comma-decimal locale.
#   --cluster: also Slurm (slurmctld, slurmd, slurm-client), munge and GNU parallel, for `make test-cluster`.
set -euo pipefail

packages=(libopenblas-dev liblapacke-dev libncurses-dev ncurses-term zlib1g-dev tmux librsvg2-bin)
[ "${1:-}" = "--bench" ] && packages+=(python3 python3-pip)
[ "${1:-}" = "--cluster" ] && packages+=(slurmctld slurmd slurm-client munge parallel)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  echo "ensure-deps: installing ${missing[*]}" >&2
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null; then sudo="sudo"; else
    echo "ensure-deps: need root or sudo to install: ${missing[*]}" >&2; exit 1
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 \
    "${missing[@]}" >/dev/null
fi

if ! locale -a 2>/dev/null | grep -qi '^de_DE\.utf-\?8$' && command -v localedef >/dev/null \
   && [ -e /usr/share/i18n/locales/de_DE ]; then
  echo "ensure-deps: generating the de_DE.UTF-8 locale (for the comma-decimal locale test)" >&2
  if [ "$(id -u)" -eq 0 ]; then localedef -i de_DE -f UTF-8 de_DE.UTF-8; elif command -v sudo >/dev/null; then
    sudo localedef -i de_DE -f UTF-8 de_DE.UTF-8; else echo "ensure-deps: need root or sudo for localedef" >&2; fi
fi

if ! command -v swift >/dev/null; then
  echo "ensure-deps: no Swift toolchain on PATH; install Swift 6.1 or newer (swift.org) and retry" >&2
  exit 1
fi

if ! python3 -c "import numpy, safetensors.numpy" 2>/dev/null; then
  echo "ensure-deps: installing numpy and safetensors (for the PyTorch checkpoint tests)" >&2
  python3 -m pip install --quiet numpy safetensors || python3 -m pip install --quiet --break-system-packages numpy safetensors
fi

if [ "${1:-}" = "--bench" ] && ! python3 -c "import numpy, scipy, pandas, sklearn" 2>/dev/null; then
  echo "ensure-deps: installing numpy, scipy, pandas and scikit-learn (for the benchmark baselines and real data)" >&2
  python3 -m pip install --quiet numpy scipy pandas scikit-learn || python3 -m pip install --quiet --break-system-packages numpy scipy pandas scikit-learn
fi
