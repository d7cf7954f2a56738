# Sourced by the scripts and tests that use the kernel trees: sets
# `trees_dir`, the folder scripts/fetch-trees.sh fills (linux-source-V,
# conf-V, linux-config-V): $XENCFG_TREES_DIR, else <checkout>/.cache/trees.
trees_dir=${XENCFG_TREES_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.cache/trees}
