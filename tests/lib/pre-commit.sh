# Sourced by the tests that run Debian's `pre-commit` on a sample repository
# (tests/precommit/run.sh, tests/packaging/run.sh): one setup for both.
#
#   precommit_setup REPO WORK
#       a private pre-commit cache and git identity under WORK (nothing of
#       the user's ~/.gitconfig or ~/.cache/pre-commit is read or written),
#       and the hook repository WORK/xencfg: REPO's working-tree files
#       (tracked and new) committed, so that uncommitted changes to the hooks
#       are what gets tested. Sets `hooks` (that folder) and `rev` (its
#       commit).
precommit_setup() {
    local src=$1 work=$2
    export PRE_COMMIT_HOME=$work/pre-commit-home
    export GIT_CONFIG_GLOBAL=$work/gitconfig GIT_CONFIG_NOSYSTEM=1
    git config --global user.name "xencfg test"
    git config --global user.email "test@example.invalid"
    git config --global init.defaultBranch main
    git config --global protocol.file.allow always
    export NO_COLOR=1 LC_ALL=C.UTF-8
    hooks=$work/xencfg
    mkdir -p "$hooks"
    (cd "$src" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$hooks" 2>/dev/null) ||
        (cd "$src" && git ls-files -z | xargs -0 cp --parents -t "$hooks")
    (cd "$hooks" && git init -q && git add -A && git commit -qm "xencfg under test")
    rev=$(git -C "$hooks" rev-parse HEAD)
}
