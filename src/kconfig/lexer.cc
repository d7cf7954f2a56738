#include "kconfig/lexer.h"

#include <cctype>
#include <cstring>
#include <iterator>

namespace kconfig {

namespace {

// Character classes of words, as a table: the lexer asks for every
// character. NUL (the end of every buffer) is in no class, so scans stop at
// the end without a bounds check.
enum : uint8_t { kNameChar = 1, kDollar = 2 };
struct WordChars {
    uint8_t table[256] = {};
    constexpr WordChars() {
        for (int c = 'a'; c <= 'z'; ++c)
            table[c] = kNameChar;
        for (int c = 'A'; c <= 'Z'; ++c)
            table[c] = kNameChar;
        for (int c = '0'; c <= '9'; ++c)
            table[c] = kNameChar;
        table[int('_')] = table[int('-')] = kNameChar;
        table[int('$')] = kDollar;
    }
};
constexpr WordChars kWordChars;
inline uint8_t word_class(char c) {
    return kWordChars.table[(unsigned char)c];
}

struct Keyword {
    std::string_view name;
    Tok tok;
};

// Sorted by length, so that a word is compared only with keywords of its own
// length (the lexer asks for every lower-case word).
constexpr Keyword kKeywords[] = {
    {"if", Tok::If},
    {"on", Tok::On},
    {"hex", Tok::Hex},
    {"int", Tok::Int},
    {"bool", Tok::Bool},
    {"help", Tok::Help},
    {"menu", Tok::Menu},
    {"endif", Tok::EndIf},
    {"imply", Tok::Imply},
    {"range", Tok::Range},
    {"choice", Tok::Choice},
    {"config", Tok::Config},
    {"option", Tok::Option}, // kernels before 5.15 (Dialect::has_option_keyword)
    {"prompt", Tok::Prompt},
    {"select", Tok::Select},
    {"source", Tok::Source},
    {"string", Tok::String},
    {"boolean", Tok::Bool}, // kernels before 4.19 accepted it
    {"comment", Tok::Comment},
    {"default", Tok::Default},
    {"depends", Tok::Depends},
    {"endmenu", Tok::EndMenu},
    {"modules", Tok::Modules},
    {"visible", Tok::Visible},
    {"def_bool", Tok::DefBool},
    {"mainmenu", Tok::MainMenu},
    {"optional", Tok::Optional}, // choices, kernels before 6.11
    {"tristate", Tok::Tristate},
    {"endchoice", Tok::EndChoice},
    {"---help---", Tok::Help}, // kernels before 5.8
    {"menuconfig", Tok::MenuConfig},
    {"def_tristate", Tok::DefTristate},
    {"transitional", Tok::Transitional}, // 6.18
};
constexpr size_t kLongestKeyword = 12;
constexpr bool keywords_sorted_by_length() {
    for (size_t i = 1; i < std::size(kKeywords); ++i)
        if (kKeywords[i - 1].name.size() > kKeywords[i].name.size()) return false;
    return kKeywords[std::size(kKeywords) - 1].name.size() == kLongestKeyword;
}
static_assert(keywords_sorted_by_length());

// kKeywords index of the first keyword of each length (and one past the end).
struct KeywordIndex {
    size_t first[kLongestKeyword + 2] = {};
    constexpr KeywordIndex() {
        size_t i = 0;
        for (size_t len = 0; len <= kLongestKeyword + 1; ++len) {
            while (i < std::size(kKeywords) && kKeywords[i].name.size() < len)
                ++i;
            first[len] = i;
        }
    }
};
constexpr KeywordIndex kKeywordIndex;

// The keyword token for `word`, or Tok::Word. Compared in line, first
// character first: a call of memcmp per candidate keyword cost more than
// the comparison (2% of a warm olddefconfig's instructions).
Tok keyword(std::string_view word) {
    const size_t n = word.size();
    if (n > kLongestKeyword) return Tok::Word;
    for (size_t i = kKeywordIndex.first[n]; i < kKeywordIndex.first[n + 1]; ++i) {
        const char* k = kKeywords[i].name.data();
        if (k[0] != word[0]) continue;
        size_t j = 1;
        while (j < n && k[j] == word[j])
            ++j;
        if (j == n) return kKeywords[i].tok;
    }
    return Tok::Word;
}

// The keyword token for `word` in the language of `dialect`: a keyword the
// release does not have is a plain word there, as conf's lexer.l reads it.
Tok keyword_of(const Dialect& dialect, std::string_view word) {
    Tok k = keyword(word);
    switch (k) {
    case Tok::Option:
        return dialect.has_option_keyword() ? k : Tok::Word;
    case Tok::Optional:
        return dialect.choice_is_bool_block() ? Tok::Word : k;
    case Tok::Transitional:
        return dialect.has_transitional() ? k : Tok::Word;
    case Tok::Help:
        return word[0] == '-' && !dialect.has_dashed_help() ? Tok::Word : k;
    case Tok::Bool:
        return word.size() == 7 && !dialect.has_boolean_keyword() ? Tok::Word : k;
    default:
        return k;
    }
}

} // namespace

const char* token_name(Tok t) {
    switch (t) {
    case Tok::End:
        return "end of file";
    case Tok::Eol:
        return "end of line";
    case Tok::HelpText:
        return "help text";
    case Tok::Word:
        return "word";
    case Tok::WordQuote:
        return "quoted string";
    case Tok::AssignVal:
        return "value";
    case Tok::Or:
        return "'||'";
    case Tok::And:
        return "'&&'";
    case Tok::Equal:
        return "'='";
    case Tok::Unequal:
        return "'!='";
    case Tok::Less:
        return "'<'";
    case Tok::LessEqual:
        return "'<='";
    case Tok::Greater:
        return "'>'";
    case Tok::GreaterEqual:
        return "'>='";
    case Tok::Not:
        return "'!'";
    case Tok::OpenParen:
        return "'('";
    case Tok::CloseParen:
        return "')'";
    case Tok::ColonEqual:
        return "':='";
    case Tok::PlusEqual:
        return "'+='";
    default:
        for (const Keyword& k : kKeywords)
            if (k.tok == t && k.name != "boolean" && k.name != "---help---") return k.name.data();
        return "token";
    }
}

Lexer::Lexer(Context& ctx) : ctx_(ctx) {
    pp_ = std::make_unique<Preprocessor>(ctx_, [this]() {
        Location loc;
        loc.file = current_file();
        loc.line = raw_line();
        return loc;
    });
}

Lexer::~Lexer() = default;

const std::string* Lexer::current_file() const {
    return stack_.empty() ? top_name_ : stack_.back().name;
}
int Lexer::raw_line() const {
    return stack_.empty() ? end_line_ : stack_.back().line;
}

bool Lexer::open_top(const std::string& name, std::string contents) {
    Buffer b;
    b.name = ctx_.intern_file_name(name);
    b.text = std::make_unique<std::string>(std::move(contents));
    top_name_ = b.name;
    stack_.push_back(std::move(b));
    ctx_.files_read.push_back(stack_.back().name);
    return true;
}

void Lexer::push_file(const std::string& name, std::string contents, int source_line) {
    Buffer b;
    b.name = ctx_.intern_file_name(name);
    b.text = std::make_unique<std::string>(std::move(contents));
    b.source_line = source_line;
    stack_.push_back(std::move(b));
    ctx_.files_read.push_back(stack_.back().name);
}

bool Lexer::is_open(const std::string& name) const {
    for (const auto& b : stack_)
        if (*b.name == name) return true;
    return false;
}

std::vector<std::string> Lexer::include_chain() const {
    std::vector<std::string> chain;
    for (size_t i = 1; i < stack_.size(); ++i)
        chain.push_back(*stack_[i - 1].name + ":" + std::to_string(stack_[i].source_line));
    return chain;
}

void Lexer::warn(const std::string& file, int line, const std::string& msg) {
    ctx_.diags.add(conf_diagnostic(Severity::Warning, DiagCode::KconfigWarning, file, line, msg,
                                   ":warning: "));
}

std::string_view Lexer::keep(std::string text) {
    ++kept_count_;
    return kept_.emplace_back(std::move(text));
}

void Lexer::release_texts() {
    retired_.clear();
    for (; kept_released_ < last_token_kept_; ++kept_released_)
        kept_.pop_front();
}

void Lexer::start_help() {
    state_ = State::Help;
    help_text_.clear();
    help_first_ts_ = help_last_ts_ = 0;
}

// Second stage: drop an end-of-line right after another one (or after help
// text), note the line of each statement's first token, and switch to the
// assignment-value state after `NAME =`, `NAME :=`, `NAME +=` at the start of
// a statement.
Token Lexer::next() {
    // One Token, the returned one, which lex() fills in place: copying a
    // token just written stalls the processor (see lex()).
    last_token_kept_ = kept_count_;
    Token t = lex();
    const bool after_eol = prev_ == Tok::Eol || prev_ == Tok::HelpText;
    if (after_eol) {
        while (t.kind == Tok::Eol) {
            last_token_kept_ = kept_count_;
            t = lex();
        }
        cur_lineno_ = t.line;
    }
    if (prev_prev_ == Tok::Eol && prev_ == Tok::Word &&
        (t.kind == Tok::Equal || t.kind == Tok::ColonEqual || t.kind == Tok::PlusEqual))
        state_ = State::AssignVal;
    prev_prev_ = prev_;
    prev_ = t.kind;
    return t;
}

// First stage. Each state's scanner returns its token straight into the
// caller's (no copy on the way: a Token copied right after it was written
// stalled on store forwarding, 6% of a warm olddefconfig's time); one that
// reaches the end of its buffer returns end_of_buffer's token instead.
Token Lexer::lex() {
    // A fatal macro error ends the input on the spot (conf exits there).
    if (pp_->fatal()) return Token{Tok::End, {}, end_line_};
    if (stack_.empty()) {
        // Help text begun at the very end (a last `help` line before 6.11,
        // whose top file ends in an end of line): conf's help state ends
        // it, empty.
        if (state_ == State::Help) {
            state_ = State::Normal;
            return Token{Tok::HelpText, {}, end_line_};
        }
        return Token{Tok::End, {}, end_line_};
    }
    Buffer& b = stack_.back();
    switch (state_) {
    case State::Help:
        return lex_help(b);
    case State::AssignVal:
        return lex_assign_value(b);
    default:
        return lex_normal(b);
    }
}

// The end of the innermost file: help text running to it, then an end of
// line (a sourced file) or the end of input (the top file).
Token Lexer::end_of_buffer(Buffer& b) {
    if (state_ == State::Help) {
        state_ = State::Normal;
        Token t{Tok::HelpText, keep(std::move(help_text_)), b.line};
        help_text_.clear();
        return t;
    }
    state_ = State::Normal;
    // conf warns when the last line lacks its newline.
    if (prev_ != Tok::Eol && prev_ != Tok::HelpText)
        warn(*b.name, b.line, "no new line at end of file");
    int line = b.line;
    // Earlier tokens may still point into the file's text.
    retired_.push_back(std::move(b.text));
    if (stack_.size() > 1) {
        stack_.pop_back();
        return Token{Tok::Eol, {}, line};
    }
    stack_.pop_back();
    end_line_ = line;
    // Before 6.11 conf's lexer ends the top file with an end of line too
    // (the end of input follows).
    if (ctx_.dialect.top_file_end_is_eol()) return Token{Tok::Eol, {}, line};
    return Token{Tok::End, {}, line};
}

// value := [blank]* ( non-blank .* )? '\n'   (the rest of the line, verbatim)
Token Lexer::lex_assign_value(Buffer& b) {
    const std::string& s = *b.text;
    while (b.pos < s.size() && (s[b.pos] == ' ' || s[b.pos] == '\t'))
        ++b.pos;
    if (b.pos >= s.size()) return end_of_buffer(b);
    if (s[b.pos] == '\n') {
        ++b.pos;
        int line = b.line++;
        state_ = State::Normal;
        return Token{Tok::Eol, {}, line};
    }
    size_t end = s.find('\n', b.pos);
    if (end == std::string::npos) end = s.size();
    Token t{Tok::AssignVal, std::string_view(s).substr(b.pos, end - b.pos), b.line};
    b.pos = end;
    return t;
}

Token Lexer::lex_normal(Buffer& b) {
    const std::string& s = *b.text;
    const char* text = s.c_str(); // NUL-terminated: text[s.size()] == 0
    while (b.pos < s.size()) {
        while (text[b.pos] == ' ' || text[b.pos] == '\t')
            ++b.pos;
        if (b.pos >= s.size()) break;
        char c = text[b.pos];
        if (c == '#') { // comment to end of line
            const void* nl = memchr(s.data() + b.pos, '\n', s.size() - b.pos);
            b.pos = nl ? size_t(static_cast<const char*>(nl) - s.data()) : s.size();
            continue;
        }
        if (c == '\\' && b.pos + 1 < s.size() && s[b.pos + 1] == '\n') { // escaped newline
            b.pos += 2;
            ++b.line;
            continue;
        }
        int line = b.line;
        if (c == '\n') {
            ++b.pos;
            ++b.line;
            // next() drops an end of line right after another (or after
            // help text): blank lines are skipped here, at no cost.
            if (prev_ == Tok::Eol || prev_ == Tok::HelpText) continue;
            return Token{Tok::Eol, {}, line};
        }
        if (c == '"' || c == '\'') {
            ++b.pos;
            return lex_string(b, c);
        }
        if (word_class(c)) {
            size_t start = b.pos;
            uint8_t classes = 0;
            while (uint8_t cls = word_class(text[b.pos])) {
                classes |= cls;
                ++b.pos;
            }
            if (!(classes & kDollar)) {
                std::string_view word(s.data() + start, b.pos - start);
                // Keywords are lower case (or "---help---"); symbol names
                // rarely are, so most words skip the table.
                if ((word[0] >= 'a' && word[0] <= 'z') || word[0] == '-') {
                    if (Tok k = keyword_of(ctx_.dialect, word); k != Tok::Word)
                        return Token{k, {}, line};
                }
                return Token{Tok::Word, word, line};
            }
            // A token with a '$': expand it in place; the expansion is one
            // word (never re-scanned for keywords), and an empty expansion is
            // no token at all.
            b.pos = start;
            size_t end = s.find('\n', start);
            if (end == std::string::npos) end = s.size();
            std::string_view rest(s.data(), end);
            std::string word = pp_->expand_token(rest, b.pos);
            if (pp_->fatal()) return Token{Tok::End, {}, line}; // conf stops here
            if (b.pos == start) ++b.pos;                        // never stall
            if (!word.empty()) return Token{Tok::Word, keep(std::move(word)), line};
            continue;
        }
        ++b.pos;
        char n = b.pos < s.size() ? s[b.pos] : '\0';
        switch (c) {
        case '|':
            if (n == '|') {
                ++b.pos;
                return Token{Tok::Or, {}, line};
            }
            break;
        case '&':
            if (n == '&') {
                ++b.pos;
                return Token{Tok::And, {}, line};
            }
            break;
        case '=':
            return Token{Tok::Equal, {}, line};
        case '!':
            if (n == '=') {
                ++b.pos;
                return Token{Tok::Unequal, {}, line};
            }
            return Token{Tok::Not, {}, line};
        case '<':
            if (n == '=') {
                ++b.pos;
                return Token{Tok::LessEqual, {}, line};
            }
            return Token{Tok::Less, {}, line};
        case '>':
            if (n == '=') {
                ++b.pos;
                return Token{Tok::GreaterEqual, {}, line};
            }
            return Token{Tok::Greater, {}, line};
        case '(':
            return Token{Tok::OpenParen, {}, line};
        case ')':
            return Token{Tok::CloseParen, {}, line};
        case ':':
            if (n == '=') {
                ++b.pos;
                return Token{Tok::ColonEqual, {}, line};
            }
            break;
        case '+':
            if (n == '=') {
                ++b.pos;
                return Token{Tok::PlusEqual, {}, line};
            }
            break;
        default:
            break;
        }
        std::string shown = (unsigned char)c >= 0x20 && (unsigned char)c < 0x7f ? std::string(1, c)
                                                                                : std::string(1, c);
        warn(*b.name, line, "ignoring unsupported character '" + shown + "'");
    }
    return end_of_buffer(b);
}

// string := quote ( '$' reference | '\' char | char )* ( quote | '\n' | EOF )
Token Lexer::lex_string(Buffer& b, char quote) {
    const std::string& s = *b.text;
    int line = b.line;
    // Most strings hold no reference, escape or line end: a view of the file.
    for (size_t i = b.pos; i < s.size(); ++i) {
        char c = s[i];
        if (c == quote) {
            std::string_view text(s.data() + b.pos, i - b.pos);
            b.pos = i + 1;
            return Token{Tok::WordQuote, text, line};
        }
        if (c == '$' || c == '\\' || c == '\n') break;
    }
    std::string text;
    while (b.pos < s.size()) {
        char c = s[b.pos];
        if (c == '$') {
            ++b.pos;
            size_t end = s.find('\n', b.pos);
            if (end == std::string::npos) end = s.size();
            std::string_view rest(s.data(), end);
            text += pp_->expand_dollar(rest, b.pos);
            if (pp_->fatal()) {
                b.pos = end;
                break;
            }
            continue;
        }
        if (c == '\\') {
            ++b.pos;
            if (b.pos < s.size() && s[b.pos] != '\n') text += s[b.pos++];
            continue;
        }
        if (c == '\n') {
            warn(*b.name, cur_lineno_, "multi-line strings not supported");
            return Token{Tok::WordQuote, keep(std::move(text)), line};
        }
        if (c == quote) {
            ++b.pos;
            return Token{Tok::WordQuote, keep(std::move(text)), line};
        }
        // A run of ordinary characters in one append.
        size_t run = b.pos + 1;
        while (run < s.size() && s[run] != '$' && s[run] != '\\' && s[run] != '\n' &&
               s[run] != '"' && s[run] != '\'')
            ++run;
        if (c == '"' || c == '\'') run = b.pos + 1; // the other quote is literal, alone
        text.append(s, b.pos, run - b.pos);
        b.pos = run;
    }
    return Token{Tok::WordQuote, keep(std::move(text)), line};
}

// help text := ( indented line | blank line )*, ended by a line indented less
// than the first one, a line starting in column 0, or the end of the file.
// Indentation counts tabs to the next multiple of 8; lines keep their
// indentation beyond the first line's.
Token Lexer::lex_help(Buffer& b) {
    const std::string& s = *b.text;
    while (b.pos < s.size()) {
        size_t ws_start = b.pos;
        int ts = 0;
        while (b.pos < s.size() && (s[b.pos] == ' ' || s[b.pos] == '\t')) {
            ts = s[b.pos] == '\t' ? (ts & ~7) + 8 : ts + 1;
            ++b.pos;
        }
        if (b.pos < s.size() && s[b.pos] == '\n') {
            // A blank line. If the next line starts with a non-blank, the help
            // text ends here (the newline is consumed by the help text).
            ++b.pos;
            ++b.line;
            if (b.pos < s.size() && s[b.pos] != ' ' && s[b.pos] != '\t' && s[b.pos] != '\n') {
                // conf's line is the next line's (yylineno), until the next
                // statement's first token: a warning on that token says it.
                state_ = State::Normal;
                Token t{Tok::HelpText, keep(std::move(help_text_)), b.line};
                help_text_.clear();
                return t;
            }
            if (ctx_.keep_help) help_text_ += '\n';
            continue;
        }
        if (b.pos >= s.size()) break;
        if (b.pos > ws_start) {
            help_last_ts_ = ts;
            if (help_first_ts_) {
                if (ts < help_first_ts_) {
                    state_ = State::Normal;
                    Token t{Tok::HelpText, keep(std::move(help_text_)), b.line};
                    help_text_.clear();
                    return t;
                }
                if (ctx_.keep_help) help_text_.append(size_t(ts - help_first_ts_), ' ');
            }
        }
        // The text of the line, trailing blanks removed.
        size_t end = s.find('\n', b.pos);
        if (end == std::string::npos) end = s.size();
        size_t last = end;
        while (last > b.pos && (s[last - 1] == ' ' || s[last - 1] == '\t'))
            --last;
        // Without help screens only whether the text is blank matters
        // (conf's warning): keep one character to say it is not.
        if (ctx_.keep_help)
            help_text_.append(s, b.pos, last - b.pos);
        else if (last > b.pos && help_text_.empty())
            help_text_.push_back('x');
        if (!help_first_ts_) help_first_ts_ = help_last_ts_;
        b.pos = end;
    }
    return end_of_buffer(b);
}

} // namespace kconfig
