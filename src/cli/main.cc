// xencfg: validate and generate Linux kernel configurations for Xen dom0/domU.
// This file only dispatches to the subcommands and maps errors to exit
// statuses; every command lives in its own cmd_*.cc.
#include "cli/common.h"
#include "emit/files.h"

#include <cstdio>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

namespace {

void print_help() {
    std::cout << "xencfg " XENCFG_VERSION
                 " - validate and generate Linux kernel configurations for Xen dom0/domU\n\n"
                 "Usage: xencfg COMMAND [OPTIONS]\n"
                 "       xencfg COMMAND --help\n"
                 "       xencfg --version\n\n"
                 "Commands:\n";
    for (const auto& c : cli::commands()) {
        std::string name = c.name;
        name.resize(12, ' ');
        std::cout << "  " << name << c.summary << "\n";
    }
    std::cout << "\nExamples:\n"
                 "  xencfg check examples/debian-6.12-cloud-amd64.config --role domU --mode pvh\n"
                 "  xencfg explain XEN_PV --tree /usr/src/linux-source-6.12 --arch x86_64\n"
                 "  xencfg kconfig olddefconfig --tree /usr/src/linux-source-6.12 --arch x86_64 "
                 "--config old.config -o new.config\n\n"
                 "Exit status: 0 success, 1 findings (check failed), 2 usage or input error.\n";
}

} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string command;
    try {
        // Installed as scripts/kconfig/conf (a symlink), xencfg is conf.
        std::string self = argv[0] ? argv[0] : "";
        if (self.substr(self.rfind('/') + 1) == "conf") return cli::run_conf_command(self, args);
        if (args.empty()) {
            std::cerr << "xencfg: error: no command given\n"
                         "Try 'xencfg --help'.\n";
            return cli::kExitUsage;
        }
        const std::string& first = args[0];
        if (first == "--help" || first == "-h" || first == "help") {
            if (first == "help" && args.size() > 1) {
                args = {args[1], "--help"};
            } else {
                print_help();
                return cli::kExitOk;
            }
        }
        if (first == "--version" || first == "-V") {
            std::cout << "xencfg " XENCFG_VERSION "\n";
            return cli::kExitOk;
        }
        for (const auto& c : cli::commands()) {
            if (args[0] != c.name) continue;
            command = c.name;
            return c.run(std::vector<std::string>(args.begin() + 1, args.end()));
        }
        if (first.size() > 1 && first[0] == '-')
            std::cerr << "xencfg: error: unknown option '" << first
                      << "' (a command comes first)\n";
        else
            std::cerr << "xencfg: error: unknown command '" << first << "'\n";
        std::cerr << "Try 'xencfg --help'.\n";
        return cli::kExitUsage;
    } catch (const cli::UsageError& e) {
        std::cerr << "xencfg " << command << ": error: " << e.what() << "\n"
                  << "Try 'xencfg " << command << " --help'.\n";
        return cli::kExitUsage;
    } catch (const emit::FileError& e) {
        std::cerr << e.text() << "\n";
        return cli::kExitUsage;
    } catch (const cli::InputError& e) {
        std::cerr << "xencfg: error: " << e.what() << "\n";
        return cli::kExitUsage;
    } catch (const std::bad_alloc&) {
        std::cerr << "xencfg: error: out of memory\n";
        return cli::kExitUsage;
    } catch (const std::exception& e) {
        std::cerr << "xencfg: internal error: " << e.what() << "\n";
        return cli::kExitUsage;
    }
}
