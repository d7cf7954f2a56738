// libFuzzer target: the Kconfig lexer and the macro preprocessor.
// The input is one Kconfig file; every token is pulled through the
// two-stage lexer (which expands $(...) references and runs variable
// assignments), then the whole input is also expanded as one string.
#include "common.h"
#include "kconfig/lexer.h"
#include "kconfig/preprocess.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string text = fuzz::as_string(data, size);
    {
        kconfig::Context ctx;
        fuzz::make_offline(ctx);
        ctx.env = fuzz::fuzz_env();
        kconfig::Lexer lexer(ctx);
        if (lexer.open_top("Kconfig", text)) {
            // Each token consumes input, so this terminates; the bound is a
            // guard against a lexer that stops advancing (reported as a hang).
            // As the parser does: `help` EOL switches to the help-text state.
            kconfig::Tok prev = kconfig::Tok::Eol;
            for (size_t n = 0; n < 4 * size + 1024; ++n) {
                kconfig::Token t = lexer.next();
                if (t.kind == kconfig::Tok::End) break;
                if (prev == kconfig::Tok::Help && t.kind == kconfig::Tok::Eol) lexer.start_help();
                prev = t.kind;
            }
        }
    }
    {
        kconfig::Context ctx;
        fuzz::make_offline(ctx);
        ctx.env = fuzz::fuzz_env();
        kconfig::Preprocessor pp(ctx, [] { return kconfig::Location{}; });
        (void)pp.expand_string(text);
    }
    return 0;
}
