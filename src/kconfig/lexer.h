// The Kconfig lexer, modelled on the kernel's two-stage flex scanner
// (scripts/kconfig/lexer.l): a first stage that matches tokens per state
// (normal, string, help text, assignment value) and a second stage that drops
// redundant end-of-line tokens and records the line of each statement.
#pragma once

#include "kconfig/context.h"
#include "kconfig/preprocess.h"

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kconfig {

enum class Tok : uint8_t {
    End, // end of the top file
    Eol,
    HelpText,
    Word,
    WordQuote,
    AssignVal,
    // keywords
    Bool,
    Choice,
    Comment,
    Config,
    DefBool,
    DefTristate,
    Default,
    Depends,
    EndChoice,
    EndIf,
    EndMenu,
    Help,
    Hex,
    If,
    Imply,
    Int,
    MainMenu,
    Menu,
    MenuConfig,
    Modules,
    On,
    Prompt,
    Range,
    Select,
    Source,
    String,
    Tristate,
    Visible,
    Option,
    Optional,
    Transitional,
    // operators
    Or,
    And,
    Equal,
    Unequal,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Not,
    OpenParen,
    CloseParen,
    ColonEqual,
    PlusEqual,
};
const char* token_name(Tok t);

// A token's text is a view: into the file being read for plain words,
// strings and assignment values, or into a string the lexer keeps for text it
// had to build (expanded `$(...)`, escapes, help text). It stays valid until
// the lexer's release_texts().
struct Token {
    Tok kind = Tok::End;
    std::string_view text; // Word, WordQuote, AssignVal, HelpText
    int line = 0;          // line the token was read on
};

class Lexer {
  public:
    explicit Lexer(Context& ctx);
    ~Lexer();

    // Start with the top file; false (and an error) if it cannot be read.
    bool open_top(const std::string& name, std::string contents);
    // `source` of another file: pushed on the file stack.
    void push_file(const std::string& name, std::string contents, int source_line);
    // The include chain ("file:line" of each source statement), outermost first.
    std::vector<std::string> include_chain() const;
    bool is_open(const std::string& name) const; // on the stack already?
    // Every file has been read to its end (the top one closed too).
    bool input_ended() const { return stack_.empty(); }

    Token next();      // second-stage lexer
    void start_help(); // after `help` EOL: switch to help-text state
    // Frees the files already read and the texts built for tokens, except
    // what the most recent token points to. The parser calls it between
    // statements, when it holds no older token.
    void release_texts();

    const std::string* current_file() const;
    int statement_line() const { return cur_lineno_; }
    int raw_line() const;
    Preprocessor& preprocessor() { return *pp_; }
    // Depth of the file stack (1 = top file).
    size_t depth() const { return stack_.size(); }

  private:
    struct Buffer {
        const std::string* name;
        // Owned through a pointer so that token views survive the buffer's
        // retirement (a moved std::string may carry short text inline).
        std::unique_ptr<std::string> text;
        size_t pos = 0;
        int line = 1;
        int source_line = 0; // line of the `source` statement in the parent
    };
    Token lex(); // first stage
    Token lex_normal(Buffer& b);
    Token lex_string(Buffer& b, char quote);
    Token lex_help(Buffer& b);
    Token lex_assign_value(Buffer& b);
    Token end_of_buffer(Buffer& b);
    void warn(const std::string& file, int line, const std::string& msg);
    std::string_view keep(std::string text); // a built token text

    Context& ctx_;
    std::unique_ptr<Preprocessor> pp_;
    std::vector<Buffer> stack_;
    std::vector<std::unique_ptr<std::string>> retired_; // files read to the end
    std::deque<std::string> kept_;                      // built token texts
    size_t kept_released_ = 0;                          // how many kept texts were freed so far
    // How many texts were ever kept (kept_released_ + kept_.size(), counted
    // because a deque's size is slow to ask for every token).
    size_t kept_count_ = 0;
    size_t last_token_kept_ = 0; // index of the first kept text of the last token
    enum class State { Normal, AssignVal, Help } state_ = State::Normal;
    Tok prev_ = Tok::Eol, prev_prev_ = Tok::Eol;
    int cur_lineno_ = 1;
    const std::string* top_name_ = nullptr; // still named after its end
    int end_line_ = 0;
    std::string help_text_;
    int help_first_ts_ = 0, help_last_ts_ = 0;
};

} // namespace kconfig
