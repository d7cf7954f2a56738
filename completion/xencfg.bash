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

    # Commands, kernel versions and rule ids come from the xencfg being
    # completed, so that they follow the installed binary and its data.
    local xencfg=${words[0]:-xencfg}
    local commands
    commands=$("$xencfg" --help 2>/dev/null | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
    commands="${commands//$'\n'/ } help"
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
    --kernel-version) COMPREPLY=($(compgen -W "$("$xencfg" rules --versions 2>/dev/null)" -- "$cur")); return ;;
    --show) COMPREPLY=($(compgen -W "failures all" -- "$cur")); return ;;
    --repo) COMPREPLY=($(compgen -d -- "$cur")); return ;;
    --format)
        case $command in
        check) COMPREPLY=($(compgen -W "text json sarif junit" -- "$cur")) ;;
        explain | fix | diff | rules) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
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
    --disable) COMPREPLY=($(compgen -W "$("$xencfg" rules --ids 2>/dev/null)" -- "$cur")); return ;;
    esac

    # Each command's options, as its --help lists them.
    local opts
    opts=$("$xencfg" "$command" --help 2>/dev/null | grep -oE '^  (-[a-zA-Z] \[ )?--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+|-[a-zA-Z]')
    case $command in
    help) COMPREPLY=($(compgen -W "${commands% help}" -- "$cur")); return ;;
    explain)
        # A rule id, or (with --tree) a Kconfig symbol.
        if [[ $cur != -* ]]; then
            COMPREPLY=($(compgen -W "$("$xencfg" rules --ids 2>/dev/null)" -- "$cur"))
            return
        fi
        ;;
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
