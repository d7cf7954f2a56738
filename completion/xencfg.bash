# bash completion for xencfg(1)                       -*- shell-script -*-
# Installed as <prefix>/share/bash-completion/completions/xencfg.

_xencfg() {
    local cur prev words cword
    _init_completion 2>/dev/null || {
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    }

    local commands="check explain kconfig load kb-extract generate fix diff help"
    local command="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
        -*) ;;
        *) command=${words[i]}; break ;;
        esac
    done

    if [[ -z $command ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi

    case $prev in
    --role) COMPREPLY=($(compgen -W "dom0 domU" -- "$cur")); return ;;
    --mode) COMPREPLY=($(compgen -W "any pv pvh hvm" -- "$cur")); return ;;
    --arch) COMPREPLY=($(compgen -W "x86_64 i386 x86_32 arm arm64 aarch64" -- "$cur")); return ;;
    --kernel-version) COMPREPLY=($(compgen -W "6.1 6.12" -- "$cur")); return ;;
    --format)
        case $command in
        check) COMPREPLY=($(compgen -W "text json sarif junit" -- "$cur")) ;;
        explain | fix | diff) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
        load) COMPREPLY=($(compgen -W "conf text json" -- "$cur")) ;;
        esac
        return
        ;;
    --tree) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --config | --output | -o | --rules | --allconfig | --base)
        COMPREPLY=($(compgen -f -- "$cur"))
        compopt -o filenames 2>/dev/null
        return
        ;;
    --disable) return ;;
    esac

    local opts
    case $command in
    check)
        opts="--role --mode --arch --kernel-version --tree --fragment --format --output -o
              --rules --disable --strict --show-suppressed --offline --no-probe-cache --help"
        ;;
    explain) opts="--tree --arch --config --format --offline --no-probe-cache --help" ;;
    kconfig)
        opts="--tree --arch --config --output -o --in-place --allconfig --offline
              --no-probe-cache --help"
        ;;
    load) opts="--tree --arch --format --offline --no-probe-cache --help" ;;
    kb-extract) opts="--tree --arch --output -o --help" ;;
    generate)
        opts="--role --arch --mode --kernel-version --tree --base --with-info --output -o --help"
        ;;
    fix)
        opts="--role --mode --arch --kernel-version --tree --output -o --in-place --with-warnings
              --format --help"
        ;;
    diff) opts="--role --mode --arch --kernel-version --tree --format --help" ;;
    help) COMPREPLY=($(compgen -W "check explain kconfig load kb-extract generate fix diff" -- "$cur")); return ;;
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    elif [[ $command == kconfig ]] && ! [[ " ${words[*]:2:cword-2} " =~ \ (old|save|all|list)[a-z]*config\ |\ defconfig ]]; then
        COMPREPLY=($(compgen -W "olddefconfig savedefconfig alldefconfig allnoconfig allyesconfig
                                 allmodconfig defconfig defconfig= listnewconfig" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -- "$cur"))
        compopt -o filenames 2>/dev/null
    fi
} &&
    complete -F _xencfg xencfg
