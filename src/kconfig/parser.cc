// Recursive-descent parser for the Kconfig language, building the menu tree
// the way the kernel's parser.y and menu.c do (menu_add_entry, menu_add_prop,
// menu_add_dep ...). Every construct used by Linux 2.6.x to 6.18 is accepted;
// where kernels differ (choices before and after 6.11), the tree's own
// version decides.
#include "kconfig/eval.h"
#include "kconfig/lexer.h"
#include "kconfig/menu.h"
#include "kconfig/preprocess.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>
#include <unordered_map>

namespace kconfig {

namespace {

// Where Kconfig files come from: the disk (a kernel tree) or memory (tests).
class FileSource {
  public:
    virtual ~FileSource() = default;
    // false with a reason when the file cannot be read.
    virtual bool read(const std::string& name, std::string& out, std::string& why) = 0;
};

class DiskSource : public FileSource {
  public:
    explicit DiskSource(std::string srctree) : srctree_(std::move(srctree)) {
        // Names are opened relative to the tree's directory: the kernel
        // walks only their own components, not the tree's path each time.
        if (!srctree_.empty())
            tree_fd_ = ::open(srctree_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    }
    ~DiskSource() override {
        if (tree_fd_ >= 0) ::close(tree_fd_);
    }
    DiskSource(const DiskSource&) = delete;
    DiskSource& operator=(const DiskSource&) = delete;
    std::string full_path(const std::string& name) const {
        if (!name.empty() && name[0] == '/') return name;
        return srctree_.empty() ? name : srctree_ + "/" + name;
    }
    // open + fstat + one read: a tree is ~1,700 files, and each path lookup
    // or extra read is a system call per file (stat-then-fopen cost twice the
    // lookups and three reads a file).
    bool read(const std::string& name, std::string& out, std::string& why) override {
        bool relative = tree_fd_ >= 0 && !name.empty() && name[0] != '/';
        int fd = relative ? ::openat(tree_fd_, name.c_str(), O_RDONLY | O_CLOEXEC)
                          : ::open(full_path(name).c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0) {
            why = strerror(errno);
            return false;
        }
        struct stat st;
        if (::fstat(fd, &st) != 0) {
            why = strerror(errno);
            ::close(fd);
            return false;
        }
        if (S_ISDIR(st.st_mode)) {
            why = "is a directory";
            ::close(fd);
            return false;
        }
        out.clear();
        // Regular files are read in one call of their size; anything else
        // (a pipe, a file that grows) is read until end of file.
        size_t want = st.st_size > 0 ? size_t(st.st_size) : 0;
        bool regular = S_ISREG(st.st_mode);
        out.resize(want > 0 ? want : 65536);
        size_t got = 0;
        for (;;) {
            if (got == out.size()) {
                if (regular && got == want) break;
                out.resize(out.size() * 2);
            }
            ssize_t n = ::read(fd, out.data() + got, out.size() - got);
            if (n < 0) {
                if (errno == EINTR) continue;
                why = "read error";
                ::close(fd);
                return false;
            }
            if (n == 0) break;
            got += size_t(n);
        }
        out.resize(got);
        ::close(fd);
        return true;
    }

  private:
    std::string srctree_;
    int tree_fd_ = -1;
};

class MemorySource : public FileSource {
  public:
    explicit MemorySource(const std::map<std::string, std::string>& files) : files_(files) {}
    bool read(const std::string& name, std::string& out, std::string& why) override {
        auto it = files_.find(name);
        if (it == files_.end()) {
            why = "No such file or directory";
            return false;
        }
        out = it->second;
        return true;
    }

  private:
    const std::map<std::string, std::string>& files_;
};

enum class BlockKind { Menu, Choice, If };
const char* block_name(BlockKind k) {
    return k == BlockKind::Menu ? "menu" : k == BlockKind::Choice ? "choice" : "if";
}

class Parser {
  public:
    Parser(Context& ctx, FileSource& files) : ctx_(ctx), files_(files), lexer_(ctx) {
        current_menu_ = current_entry_ = &ctx_.root_menu;
        last_entry_ptr_ = &ctx_.root_menu.list;
        choice_v2_ = ctx_.dialect.choice_is_bool_block();
    }

    bool parse(const std::string& top);
    const Expr* standalone_expression(std::string_view text, std::string& error);
    Preprocessor& preprocessor() { return lexer_.preprocessor(); }
    int errors() const { return nerrs_; }

  private:
    // ---- tokens ----
    Token& peek() {
        if (!have_) {
            tok_ = lexer_.next();
            have_ = true;
        }
        return tok_;
    }
    // A token the grammar accepts (bison's shift): it counts towards the
    // end of error recovery (err_status_).
    Token take() {
        peek();
        have_ = false;
        if (err_status_ > 0) --err_status_;
        return std::move(tok_);
    }
    // A token thrown away while recovering from a syntax error.
    void discard() {
        peek();
        have_ = false;
    }
    bool at(Tok k) { return peek().kind == k; }
    bool accept(Tok k) {
        if (!at(k)) return false;
        take();
        return true;
    }

    // ---- diagnostics ----
    Diagnostic make(Severity sev, DiagCode code, const std::string& file, int line,
                    const std::string& msg) {
        Diagnostic d;
        d.severity = sev;
        d.code = code;
        d.file = file;
        d.line = line;
        d.message = msg;
        d.include_chain = lexer_.include_chain();
        return d;
    }
    std::string cur_file() const { return lexer_.current_file() ? *lexer_.current_file() : ""; }
    // zconf_error: "file:line: message", counted as an error.
    void error_here(const std::string& msg) {
        error_at(position_file(), lexer_.statement_line(), msg);
    }
    // The file conf names in a parser message: before 6.9, once the input
    // has ended (the end is the token read ahead), none ("<none>").
    std::string position_file() const {
        if (have_ && tok_.kind == Tok::End && ctx_.dialect.syntax_error_on_next_line())
            return "<none>";
        return cur_file();
    }
    void error_at(const std::string& file, int line, const std::string& msg) {
        Diagnostic d = make(Severity::Error, DiagCode::KconfigInvalid, file, line, msg);
        d.conf_text = file + ":" + std::to_string(line) + ": " + msg;
        ctx_.diags.add(std::move(d));
        ++nerrs_;
    }
    // zconfprint-style warning: "file:line: message" (conf does not say
    // "warning:" itself in these; the message text carries it).
    void warn_print(const std::string& msg) {
        warn_print_at(position_file(), lexer_.statement_line(), msg);
    }
    void warn_print_at(const std::string& file, int line, const std::string& msg) {
        std::string text = msg;
        if (text.rfind("warning: ", 0) == 0) text = text.substr(9);
        Diagnostic d = make(Severity::Warning, DiagCode::KconfigWarning, file, line, text);
        d.conf_text = file + ":" + std::to_string(line) + ": " + msg;
        ctx_.diags.add(std::move(d));
    }
    // menu_warn / prop_warn: "file:line:warning: message".
    void warn_at(const Location& loc, const std::string& msg) {
        std::string file = loc.file ? *loc.file : "";
        Diagnostic d = make(Severity::Warning, DiagCode::KconfigWarning, file, loc.line, msg);
        d.include_chain.clear();
        d.conf_text = file + ":" + std::to_string(loc.line) + ":warning: " + msg;
        ctx_.diags.add(std::move(d));
    }
    // ---- syntax errors, as conf's bison parser recovers from them ----
    // conf's grammar has three error rules, all in statement lists:
    //   stmt_list := stmt_list WORD error EOL      "unknown statement \"WORD\""
    //              | stmt_list error EOL           "invalid statement"
    //   stmt_list_in_choice := stmt_list_in_choice error EOL   "invalid statement"
    // On a syntax error bison drops every partly read construct (a config
    // entry and its options, a menu, choice or if header) back to the
    // innermost statement list, throws away tokens up to the end of the
    // line and reports the statement there. It says "syntax error" only
    // when three tokens were accepted since the last error (yyerrstatus),
    // and input that ends while it skips ends the parse (YYABORT).
    // syntax_error throws Unwind to statement(), which does the rest.
    struct Unwind {
        std::string word; // the statement's first word (`WORD error EOL`), or empty
    };
    // yyerror: "syntax error" unless an error was met within the last three
    // tokens; `what` says what was expected, for xencfg's own reports.
    // `names_found`: a standalone expression's message names the token met
    // ("expected a symbol, found end of line").
    [[noreturn]] void syntax_error(const std::string& what, bool names_found = false,
                                   std::string word = {}) {
        Token& t = peek();
        // A fatal macro error ended the input: conf has exited already.
        if (lexer_.preprocessor().fatal()) {
            stopped_ = true;
            throw Unwind{};
        }
        if (!first_syntax_error_)
            first_syntax_error_ = names_found ? what + ", found " + token_name(t.kind) : what;
        if (err_status_ == 0) {
            std::string detail = what;
            if (t.kind != Tok::Eol && t.kind != Tok::End) {
                detail += detail.empty() ? "unexpected " : ", unexpected ";
                detail += t.kind == Tok::Word || t.kind == Tok::WordQuote
                              ? "'" + std::string(t.text) + "'"
                              : token_name(t.kind);
            }
            std::string file = position_file();
            int line = lexer_.statement_line() + (ctx_.dialect.syntax_error_on_next_line() ? 1 : 0);
            Diagnostic d = make(Severity::Error, DiagCode::KconfigInvalid, file, line,
                                detail.empty() ? "syntax error" : "syntax error: " + detail);
            d.conf_text = file + ":" + std::to_string(line) + ": syntax error";
            ctx_.diags.add(std::move(d));
            ++nerrs_;
        }
        err_status_ = 3;
        throw Unwind{std::move(word)};
    }
    // The statement list's `error EOL`: skip to the end of the line and
    // report the statement; input ending first aborts the parse.
    void recover_statement(const std::string& word) {
        if (stopped_) return;
        while (!at(Tok::Eol)) {
            if (at(Tok::End)) {
                aborted_ = true;
                return;
            }
            discard();
        }
        take();
        error_here(word.empty() ? "invalid statement" : "unknown statement \"" + word + "\"");
    }
    // The statement's end of line; anything else is a syntax error.
    void expect_eol(const char* context) {
        if (accept(Tok::Eol)) return;
        // (The top file's last line without its newline ends in an end of
        // line before 6.11 only: Dialect::top_file_end_is_eol.)
        syntax_error(std::string("expected end of line after ") + context);
    }

    // ---- menu building (menu.c) ----
    Location here() const {
        Location l;
        l.file = lexer_.current_file();
        l.line = lexer_.statement_line();
        return l;
    }
    void add_entry(Symbol* sym);
    MenuNode* add_menu();
    void end_menu();
    void add_dep(const Expr* dep);
    void set_type(SymbolType type);
    Property* add_prop(PropertyKind kind, const Expr* expr, const Expr* dep);
    Property* add_prompt(PropertyKind kind, std::string text, const Expr* dep);
    Symbol* lookup(std::string_view name, bool is_const);

    // ---- grammar ----
    void statement();
    void statement_unguarded();
    bool in_choice_body() const;
    void config_stmt(bool menuconfig);
    bool config_option(bool in_choice_header);
    void choice_stmt();
    void comment_stmt();
    void menu_stmt();
    void if_stmt();
    void source_stmt();
    void assignment_stmt();
    void end_stmt();
    void help_stmt();
    void depends_stmt();
    const Expr* if_expr();
    const Expr* compare_with_n(const Expr* e, bool equal);
    const Expr* expr();
    const Expr* and_expr();
    const Expr* unary_expr();
    Symbol* symbol(bool allow_const);

    Context& ctx_;
    FileSource& files_;
    Lexer lexer_;
    Token tok_;
    bool have_ = false;
    int nerrs_ = 0;
    // The first syntax error's message in standalone_expression's words.
    std::optional<std::string> first_syntax_error_;
    // bison's yyerrstatus: 3 after a syntax error, one less for each token
    // accepted since; "syntax error" is said only at 0.
    int err_status_ = 0;
    // The input ended while recovering from a syntax error (YYABORT).
    bool aborted_ = false;
    bool choice_v2_ = true;
    // A fatal error (conf exits on the spot): nothing more is read.
    bool stopped_ = false;
    // Every file read so far -> the file and line of the `source` that read
    // it first (7.x refuses to read a file twice).
    std::unordered_map<std::string, std::pair<std::string, int>> first_inclusion_;

    MenuNode* current_menu_;
    MenuNode* current_entry_;
    MenuNode* current_choice_ = nullptr;
    MenuNode** last_entry_ptr_;
    struct Block {
        BlockKind kind;
        MenuNode* node;
        MenuNode* saved_choice;
    };
    std::vector<Block> blocks_;
};

// ---------------------------------------------------------------------------
// menu building

void Parser::add_entry(Symbol* sym) {
    MenuNode* m = ctx_.new_menu_node();
    m->sym = sym;
    m->parent = current_menu_;
    m->loc = here();
    *last_entry_ptr_ = m;
    last_entry_ptr_ = &m->next;
    current_entry_ = m;
    if (sym) {
        sym->menus.push_back(m);
        if (!sym->is_choice()) sym->flags |= kSymDefined;
    }
}

MenuNode* Parser::add_menu() {
    last_entry_ptr_ = &current_entry_->list;
    current_menu_ = current_entry_;
    return current_menu_;
}

void Parser::end_menu() {
    last_entry_ptr_ = &current_menu_->next;
    current_menu_ = current_menu_->parent;
}

void Parser::add_dep(const Expr* dep) {
    current_entry_->dep = ctx_.expr_and(current_entry_->dep, dep);
}

void Parser::set_type(SymbolType type) {
    Symbol* sym = current_entry_->sym;
    if (!sym || sym->type == type) return;
    if (sym->type == SymbolType::Unknown) {
        sym->type = type;
        return;
    }
    warn_at(current_entry_->loc, std::string("ignoring type redefinition of '") +
                                     (sym->name.empty() ? "<choice>" : sym->name) + "' from '" +
                                     symbol_type_name(sym->type) + "' to '" +
                                     symbol_type_name(type) + "'");
}

Property* Parser::add_prop(PropertyKind kind, const Expr* expr, const Expr* dep) {
    Property* p = ctx_.new_property(kind, current_entry_->sym, current_entry_, here());
    p->expr = expr;
    p->visible.expr = dep;
    return p;
}

Property* Parser::add_prompt(PropertyKind kind, std::string text, const Expr* dep) {
    Property* p = add_prop(kind, nullptr, dep);
    size_t skip = 0;
    while (skip < text.size() && isspace((unsigned char)text[skip]))
        ++skip;
    if (skip) {
        warn_at(p->loc, "leading whitespace ignored");
        text.erase(0, skip);
    }
    if (current_entry_->prompt) warn_at(p->loc, "prompt redefined");
    // Every enclosing menu's `visible if` limits a symbol's prompt.
    if (kind == PropertyKind::Prompt)
        for (MenuNode* m = current_entry_->parent; m; m = m->parent)
            if (m->visibility) p->visible.expr = ctx_.expr_and(p->visible.expr, m->visibility);
    current_entry_->prompt = p;
    p->text = std::move(text);
    return p;
}

Symbol* Parser::lookup(std::string_view name, bool is_const) {
    if (name.size() == 1) {
        if (name[0] == 'y') return &ctx_.sym_yes;
        if (name[0] == 'm') return &ctx_.sym_mod;
        if (name[0] == 'n') return &ctx_.sym_no;
    }
    return is_const ? ctx_.const_symbol(name) : ctx_.intern_symbol(name);
}

// ---------------------------------------------------------------------------
// grammar

// input := [ 'mainmenu' WORD_QUOTE EOL ] stmt_list
bool Parser::parse(const std::string& top) {
    std::string text, why;
    if (!files_.read(top, text, why)) {
        Diagnostic d;
        d.severity = Severity::Error;
        d.code = DiagCode::KconfigFileMissing;
        d.file = top;
        d.message = "can't find file " + top + " (" + why + ")";
        d.conf_text = "can't find file " + top;
        ctx_.diags.add(std::move(d));
        return false;
    }
    first_inclusion_.try_emplace(top, std::string(), 0);
    lexer_.open_top(top, std::move(text));
    if (at(Tok::MainMenu)) {
        // No statement list encloses it: an error here ends the parse.
        try {
            take();
            if (!at(Tok::WordQuote)) syntax_error("mainmenu needs a quoted prompt");
            std::string prompt(take().text);
            expect_eol("mainmenu");
            current_entry_ = &ctx_.root_menu;
            add_prompt(PropertyKind::Menu, prompt, nullptr);
        } catch (const Unwind&) {
            aborted_ = true;
        }
    }
    while (!stopped_ && !aborted_ && !at(Tok::End))
        statement();
    if (lexer_.preprocessor().fatal()) stopped_ = true;
    // The input ended inside a block: the end statement the grammar wants
    // is missing, a syntax error that input ending cannot recover from.
    if (!stopped_ && !aborted_ && !blocks_.empty()) {
        try {
            syntax_error("expected an end statement");
        } catch (const Unwind&) {
        }
    }
    // bison drops the open blocks, innermost first; each is reported where
    // it began (the grammar's %destructor).
    while (!stopped_ && !blocks_.empty()) {
        const Block& b = blocks_.back();
        error_at(b.node->loc.file ? *b.node->loc.file : "", b.node->loc.line,
                 "missing end statement for this entry");
        current_menu_ = b.node;
        end_menu();
        current_choice_ = b.saved_choice;
        blocks_.pop_back();
    }
    return nerrs_ == 0;
}

// Inside a choice's statement list (stmt_list_in_choice): a choice, and
// the ifs within it, hold only configs, comments and ifs.
bool Parser::in_choice_body() const {
    for (const Block& b : blocks_)
        if (b.kind == BlockKind::Choice) return true;
    return false;
}

// The statement list: a statement, or the recovery from a syntax error in it.
void Parser::statement() {
    try {
        statement_unguarded();
    } catch (const Unwind& u) {
        recover_statement(u.word);
    }
}

// stmt := assignment | choice | comment | config | if | menu | menuconfig
//       | source | end ; in a choice only comment, config, if and end.
void Parser::statement_unguarded() {
    bool in_choice = in_choice_body();
    Tok k = peek().kind;
    // Between statements only the token just peeked is held: the texts of
    // every earlier token (and the files already read) can go.
    lexer_.release_texts();
    switch (k) {
    case Tok::Eol:
        take();
        return;
    case Tok::Config:
        config_stmt(false);
        return;
    case Tok::MenuConfig:
        if (in_choice) break;
        config_stmt(true);
        return;
    case Tok::Comment:
        comment_stmt();
        return;
    case Tok::If:
        if_stmt();
        return;
    case Tok::Choice:
        if (in_choice) break;
        choice_stmt();
        return;
    case Tok::Menu:
        if (in_choice) break;
        menu_stmt();
        return;
    case Tok::Source:
        if (in_choice) break;
        source_stmt();
        return;
    case Tok::EndMenu:
    case Tok::EndChoice:
    case Tok::EndIf:
        end_stmt();
        return;
    case Tok::Word:
        if (in_choice) break;
        assignment_stmt();
        return;
    default:
        break;
    }
    // No statement starts so (in a choice, not even an assignment).
    syntax_error("expected a statement");
}

// assignment := WORD ( '=' | ':=' | '+=' ) [ ASSIGN_VAL ] EOL
void Parser::assignment_stmt() {
    std::string name(take().text);
    Tok op = peek().kind;
    if (op != Tok::Equal && op != Tok::ColonEqual && op != Tok::PlusEqual)
        syntax_error("expected an assignment", false, name);
    take();
    std::string value;
    if (at(Tok::AssignVal)) value = take().text;
    expect_eol("assignment");
    VariableFlavor f = op == Tok::Equal        ? VariableFlavor::Recursive
                       : op == Tok::ColonEqual ? VariableFlavor::Simple
                                               : VariableFlavor::Append;
    lexer_.preprocessor().add_variable(name, value, f);
}

// config := ( 'config' | 'menuconfig' ) WORD EOL config_option*
void Parser::config_stmt(bool menuconfig) {
    take();
    if (!at(Tok::Word)) {
        syntax_error(menuconfig ? "menuconfig needs a symbol name" : "config needs a symbol name");
    }
    std::string name(take().text);
    // `config y` is no error to conf: the entry is the constant's.
    Symbol* sym = lookup(name, false);
    expect_eol("symbol name");
    int probes_before = lexer_.preprocessor().probe_uses();
    add_entry(sym);
    current_entry_->is_menuconfig = menuconfig;
    while (config_option(false)) {
    }
    if (lexer_.preprocessor().probe_uses() != probes_before) {
        sym->flags |= kSymProbeDerived;
        // What this entry selects inherits its dependencies (the select's
        // reverse dependency carries them): the targets' values follow the
        // toolchain too.
        for (uint32_t i = current_entry_->prop_begin; i < current_entry_->prop_end; ++i) {
            const Property* p = sym->props[i];
            if (p->menu == current_entry_ &&
                (p->kind == PropertyKind::Select || p->kind == PropertyKind::Imply) && p->expr &&
                p->expr->sym)
                p->expr->sym->flags |= kSymProbeDerived;
        }
    }

    if (menuconfig) {
        if (current_entry_->prompt)
            current_entry_->prompt->kind = PropertyKind::Menu;
        else if (ctx_.dialect.is_7x())
            error_here("menuconfig statement without prompt");
        else
            warn_print("warning: menuconfig statement without prompt");
    }
    if (current_choice_ && choice_v2_) {
        // 6.11+: checked here, as errors (older kernels warn in finalize).
        if (!current_entry_->prompt)
            error_at(*current_entry_->loc.file, current_entry_->loc.line,
                     "error: choice member must have a prompt");
        if (sym->type != SymbolType::Bool)
            error_at(*current_entry_->loc.file, current_entry_->loc.line,
                     "error: choice member must be bool");
        auto& members = current_choice_->choice_members;
        if (std::find(members.begin(), members.end(), sym) == members.end()) members.push_back(sym);
        sym->flags |= kSymChoiceMember;
    } else if (current_choice_) {
        auto& members = current_choice_->choice_members;
        if (std::find(members.begin(), members.end(), sym) == members.end()) members.push_back(sym);
        sym->flags |= kSymChoiceMember;
    }
}

// config_option := type [ WORD_QUOTE [ 'if' expr ] ] EOL
//                | 'prompt' WORD_QUOTE [ 'if' expr ] EOL
//                | ( 'default' | 'def_bool' | 'def_tristate' ) expr [ 'if' expr ] EOL
//                | ( 'select' | 'imply' ) WORD [ 'if' expr ] EOL
//                | 'range' symbol symbol [ 'if' expr ] EOL
//                | 'depends' 'on' expr EOL | 'help' EOL HELPTEXT
//                | 'modules' EOL | 'transitional' EOL | 'optional' EOL
//                | 'option' WORD [ '=' WORD_QUOTE ] EOL
// Returns false when the next token does not start an option.
bool Parser::config_option(bool choice_header) {
    Tok k = peek().kind;
    Symbol* sym = current_entry_->sym;
    switch (k) {
    case Tok::Bool:
    case Tok::Tristate:
    case Tok::Int:
    case Tok::Hex:
    case Tok::String: {
        // A choice header takes `bool|tristate ["prompt"]` before 6.11,
        // `bool "prompt"` in 6.11 and 6.12, and no type from 7.x on: any
        // other type ends the header, and is an invalid statement in the
        // choice.
        if (choice_header && (ctx_.dialect.is_7x() || (k != Tok::Bool && k != Tok::Tristate) ||
                              (choice_v2_ && k != Tok::Bool)))
            return false;
        take();
        SymbolType t = k == Tok::Bool       ? SymbolType::Bool
                       : k == Tok::Tristate ? SymbolType::Tristate
                       : k == Tok::Int      ? SymbolType::Int
                       : k == Tok::Hex      ? SymbolType::Hex
                                            : SymbolType::String;
        if (choice_header && choice_v2_ && !at(Tok::WordQuote))
            syntax_error("a choice's bool needs its prompt");
        if (at(Tok::WordQuote)) {
            std::string prompt(take().text);
            const Expr* cond = if_expr();
            expect_eol("prompt");
            add_prompt(PropertyKind::Prompt, prompt, cond);
        } else {
            expect_eol("type");
        }
        if (!(choice_header && choice_v2_)) set_type(t);
        return true;
    }
    case Tok::Prompt: {
        take();
        if (!at(Tok::WordQuote)) {
            syntax_error("prompt needs a quoted string");
        }
        std::string prompt(take().text);
        const Expr* cond = if_expr();
        expect_eol("prompt");
        add_prompt(PropertyKind::Prompt, prompt, cond);
        return true;
    }
    case Tok::Default:
    case Tok::DefBool:
    case Tok::DefTristate: {
        if (choice_header && k != Tok::Default) return false; // not a choice option
        take();
        if (choice_header) {
            if (!at(Tok::Word)) {
                syntax_error("a choice default is a symbol name");
            }
            Symbol* s = lookup(take().text, false);
            const Expr* cond = if_expr();
            expect_eol("default");
            add_prop(PropertyKind::Default, ctx_.new_symbol_expr(s), cond);
            return true;
        }
        const Expr* value = expr();
        const Expr* cond = if_expr();
        expect_eol("default");
        add_prop(PropertyKind::Default, value, cond);
        if (k == Tok::DefBool) set_type(SymbolType::Bool);
        if (k == Tok::DefTristate) set_type(SymbolType::Tristate);
        return true;
    }
    case Tok::Select:
    case Tok::Imply: {
        if (choice_header) return false;
        take();
        if (!at(Tok::Word)) {
            syntax_error(k == Tok::Select ? "select needs a symbol name"
                                          : "imply needs a symbol name");
        }
        Symbol* s = lookup(take().text, false);
        int probes_before = lexer_.preprocessor().probe_uses();
        const Expr* cond = if_expr();
        expect_eol(k == Tok::Select ? "select" : "imply");
        // A condition read from the toolchain makes the target's value the
        // build machine's too (`select X if $(...)`).
        if (lexer_.preprocessor().probe_uses() != probes_before) s->flags |= kSymProbeDerived;
        add_prop(k == Tok::Select ? PropertyKind::Select : PropertyKind::Imply,
                 ctx_.new_symbol_expr(s), cond);
        return true;
    }
    case Tok::Range: {
        if (choice_header) return false;
        take();
        Symbol* lo = symbol(true);
        Symbol* hi = symbol(true);
        const Expr* cond = if_expr();
        expect_eol("range");
        add_prop(PropertyKind::Range, ctx_.new_compare_expr(ExprKind::Range, lo, hi), cond);
        return true;
    }
    case Tok::Depends:
        depends_stmt();
        return true;
    case Tok::Help:
        help_stmt();
        return true;
    case Tok::Modules: {
        if (choice_header || !ctx_.dialect.has_modules_attribute()) return false;
        take();
        expect_eol("modules");
        if (ctx_.modules_sym) // conf refuses any second one, even on the same symbol
            error_here("symbol '" + sym->name +
                       "' redefines option 'modules' already defined by symbol '" +
                       ctx_.modules_sym->name + "'");
        else
            ctx_.modules_sym = sym;
        return true;
    }
    case Tok::Transitional: {
        if (choice_header) return false;
        take();
        expect_eol("transitional");
        sym->flags |= kSymTransitional;
        return true;
    }
    case Tok::Optional: {
        if (!choice_header) return false; // an option of choices only
        take();
        expect_eol("optional");
        sym->flags |= kSymOptional;
        return true;
    }
    case Tok::Option: {
        if (choice_header) return false; // not a choice option
        // The `option` syntax of kernels before 5.15 (the lexer makes it a
        // word later). From 4.18 on the options are tokens of their own:
        // any other name, or a value, is a syntax error.
        bool old_options = ctx_.dialect.has_option_env();
        take();
        if (!at(Tok::Word) && !at(Tok::Modules)) syntax_error("option needs a name");
        std::string name(at(Tok::Modules) ? "modules" : peek().text);
        bool known = name == "defconfig_list" || name == "allnoconfig_y" ||
                     (name == "modules" && !ctx_.dialect.has_modules_attribute());
        if (!old_options && !known)
            syntax_error("expected modules, defconfig_list or allnoconfig_y");
        take();
        std::string arg;
        bool has_arg = false;
        if (old_options && accept(Tok::Equal)) {
            if (!at(Tok::WordQuote) && !at(Tok::Word))
                syntax_error("option " + name + "= needs a value");
            arg = std::string(take().text);
            has_arg = true;
        }
        expect_eol("option");
        if (name == "modules") {
            if (ctx_.modules_sym) // conf refuses any second one, even on the same symbol
                error_here("symbol '" + sym->name +
                           "' redefines option 'modules' already defined by symbol '" +
                           ctx_.modules_sym->name + "'");
            else
                ctx_.modules_sym = sym;
        } else if (name == "defconfig_list") {
            // menu_add_option_defconfig_list: the symbol is never written.
            ctx_.defconfig_list_sym = sym;
            sym->flags |= kSymNoWrite;
        } else if (name == "env" && has_arg) {
            // The symbol takes the environment variable's value as a default
            // and is never written out (kernels before 4.18).
            sym->flags |= kSymNoWrite;
            const char* v = nullptr;
            auto it = ctx_.env.find(arg);
            std::string value;
            if (it != ctx_.env.end()) {
                value = it->second;
                v = value.c_str();
            } else if (auto pit = ctx_.process_env.find(arg); pit != ctx_.process_env.end()) {
                value = pit->second;
                v = value.c_str();
            }
            if (v)
                add_prop(PropertyKind::Default, ctx_.new_symbol_expr(ctx_.const_symbol(value)),
                         nullptr);
        } else if (name == "allnoconfig_y") {
            sym->flags |= kSymAllNoConfigY;
        } else {
            warn_print("warning: ignoring unknown option " + name);
        }
        return true;
    }
    default:
        return false;
    }
}

// depends := 'depends' 'on' expr [ 'if' expr ] EOL     (the `if` from 7.x)
// `depends on X if Y` is menu.c's X || (Y)=n: X is required only while Y is
// not n.
void Parser::depends_stmt() {
    take();
    if (!accept(Tok::On)) {
        syntax_error("expected 'on' after 'depends'");
    }
    const Expr* e = expr();
    const Expr* cond = nullptr;
    if (ctx_.dialect.is_7x() && at(Tok::If)) {
        cond = if_expr();
    }
    expect_eol("depends on");
    if (cond) e = ctx_.expr_or(e, compare_with_n(cond, true));
    add_dep(e);
}

// The kernel's expr_trans_compare(e, equal ? E_EQUAL : E_UNEQUAL, &symbol_no):
// `e = n` (or `e != n`) pushed down to the leaves, in the same shape conf
// builds, so that printed dependencies read alike.
const Expr* Parser::compare_with_n(const Expr* e, bool equal) {
    switch (e->kind) {
    case ExprKind::And:
    case ExprKind::Or: {
        const Expr* l = compare_with_n(e->left, true);
        const Expr* r = compare_with_n(e->right, true);
        const Expr* both =
            ctx_.new_expr(e->kind == ExprKind::And ? ExprKind::Or : ExprKind::And, l, r);
        return equal ? both : ctx_.new_expr(ExprKind::Not, both);
    }
    case ExprKind::Not:
        return compare_with_n(e->left, !equal);
    case ExprKind::Symbol:
        return ctx_.new_compare_expr(equal ? ExprKind::Equal : ExprKind::Unequal, e->sym,
                                     &ctx_.sym_no);
    default: // comparisons
        return equal ? ctx_.new_expr(ExprKind::Not, e) : e;
    }
}

// help := 'help' EOL HELPTEXT
void Parser::help_stmt() {
    take();
    expect_eol("help");
    lexer_.start_help();
    Token t = take(); // the help state always ends in help text, if empty
    // conf reports these where the help text's token put it: the line after
    // the text (the next statement's), in no file before 6.9 when the input
    // ended before the text began (`help` on the last line).
    std::string file =
        lexer_.input_ended() && ctx_.dialect.syntax_error_on_next_line() ? "<none>" : cur_file();
    int line = lexer_.raw_line();
    const char* who = current_entry_->sym && !current_entry_->sym->name.empty()
                          ? current_entry_->sym->name.c_str()
                          : "<choice>";
    // 7.x: both are errors (zconf_error), before they were warnings.
    bool is_error = ctx_.dialect.is_7x();
    if (current_entry_->has_help) {
        if (is_error)
            error_at(file, line, std::string("'") + who + "' defined with more than one help text");
        else
            warn_print_at(
                file, line,
                std::string("warning: '") + who +
                    "' defined with more than one help text -- only the last one will be used");
    }
    // (5.10 already warns; so does every tree verified.)
    if (t.text.find_first_not_of(" \f\n\r\t\v") == std::string_view::npos) {
        if (is_error)
            error_at(file, line, std::string("'") + who + "' defined with blank help text");
        else
            warn_print_at(file, line,
                          std::string("warning: '") + who + "' defined with blank help text");
    }
    if (ctx_.keep_help) current_entry_->help = std::string(t.text);
    current_entry_->has_help = true;
}

// choice := 'choice' [ WORD ] EOL choice_option* stmt_in_choice* 'endchoice' EOL
void Parser::choice_stmt() {
    take();
    if (at(Tok::Word)) take(); // named choices of old kernels: the name is unused
    expect_eol("choice");
    Symbol* sym = ctx_.new_choice_symbol();
    add_entry(sym);
    current_entry_->is_choice = true;
    if (choice_v2_) set_type(SymbolType::Bool);
    while (config_option(true)) {
    }
    if (!current_entry_->prompt && choice_v2_)
        error_at(*current_entry_->loc.file, current_entry_->loc.line,
                 "error: choice must have a prompt");
    MenuNode* node = add_menu();
    blocks_.push_back({BlockKind::Choice, node, current_choice_});
    current_choice_ = node;
}

// comment := 'comment' WORD_QUOTE EOL ( 'depends' 'on' expr EOL )*
void Parser::comment_stmt() {
    take();
    if (!at(Tok::WordQuote)) {
        syntax_error("comment needs a quoted string");
    }
    std::string text(take().text);
    expect_eol("comment");
    add_entry(nullptr);
    add_prompt(PropertyKind::Comment, text, nullptr);
    while (at(Tok::Depends))
        depends_stmt();
}

// menu := 'menu' WORD_QUOTE EOL ( 'visible' 'if' expr EOL | depends )* stmt* 'endmenu' EOL
void Parser::menu_stmt() {
    take();
    if (!at(Tok::WordQuote)) {
        syntax_error("menu needs a quoted string");
    }
    std::string text(take().text);
    expect_eol("menu");
    add_entry(nullptr);
    add_prompt(PropertyKind::Menu, text, nullptr);
    for (;;) {
        if (at(Tok::Depends)) {
            depends_stmt();
        } else if (at(Tok::Visible)) {
            take();
            const Expr* cond = if_expr();
            expect_eol("visible");
            current_entry_->visibility = ctx_.expr_and(current_entry_->visibility, cond);
        } else {
            break;
        }
    }
    MenuNode* node = add_menu();
    blocks_.push_back({BlockKind::Menu, node, current_choice_});
}

// if := 'if' expr EOL stmt* 'endif' EOL
void Parser::if_stmt() {
    take();
    const Expr* cond = expr();
    expect_eol("if");
    add_entry(nullptr);
    add_dep(cond);
    MenuNode* node = add_menu();
    blocks_.push_back({BlockKind::If, node, current_choice_});
}

// end := ( 'endmenu' | 'endchoice' | 'endif' ) EOL
// Any end token closes the innermost block in conf's grammar; zconf_endtoken
// then checks that it is the block's own, in the block's file, and only
// then ends the menu (a wrong one leaves the menu open, and reports).
void Parser::end_stmt() {
    if (blocks_.empty()) syntax_error("no block to end");
    Tok k = take().kind;
    const char* name = k == Tok::EndMenu ? "menu" : k == Tok::EndChoice ? "choice" : "if";
    expect_eol(k == Tok::EndMenu ? "endmenu" : k == Tok::EndChoice ? "endchoice" : "endif");
    Block b = blocks_.back();
    blocks_.pop_back();
    if (b.kind == BlockKind::Choice) current_choice_ = b.saved_choice;
    const char* expected = block_name(b.kind);
    if (std::string(expected) != name) {
        error_here(std::string("unexpected '") + name + "' within " + expected + " block");
        return;
    }
    if (current_menu_->loc.file != lexer_.current_file()) {
        error_here(std::string("'") + name + "' in different file than '" + name + "'");
        error_at(current_menu_->loc.file ? *current_menu_->loc.file : "", current_menu_->loc.line,
                 std::string("location of the '") + name + "'");
        return;
    }
    end_menu();
}

// source := 'source' WORD_QUOTE EOL
void Parser::source_stmt() {
    take();
    if (!at(Tok::WordQuote)) {
        syntax_error("source needs a quoted file name");
    }
    std::string name(take().text);
    // The file holding the statement: when it is the last line of a file
    // without a newline, reading its end of line has already closed that
    // file, so neither cur_file() nor the open-file stack names it any more.
    std::string stmt_file = cur_file();
    expect_eol("source");
    int line = lexer_.statement_line();
    // The name is a path from srctree, opened as it is (conf has no
    // patterns, no relative or optional sourcing).
    {
        const std::string& n = name;
        // conf's zconf_nextfile: a file that cannot be opened, a recursive
        // inclusion and (7.x) a repeated one each end the parse (exit(1)),
        // in that order.
        std::string text, why;
        if (!files_.read(n, text, why)) {
            Diagnostic d = make(Severity::Error, DiagCode::KconfigFileMissing, stmt_file, line,
                                "can't open file \"" + n + "\": " + why);
            d.conf_text =
                stmt_file + ":" + std::to_string(line) + ": can't open file \"" + n + "\"";
            ctx_.diags.add(std::move(d));
            ++nerrs_;
            stopped_ = true;
            return;
        }
        if (n == stmt_file || lexer_.is_open(n)) {
            // The chain innermost first, as conf prints it: the statement
            // itself, then the statements that sourced each enclosing file.
            std::string chain =
                "Recursive inclusion detected.\nInclusion path:\n  current file : " + n;
            chain += "\n  included from: " + stmt_file + ":" + std::to_string(line);
            std::vector<std::string> outer = lexer_.include_chain();
            for (auto c = outer.rbegin(); c != outer.rend(); ++c)
                chain += "\n  included from: " + *c;
            Diagnostic d = make(Severity::Error, DiagCode::KconfigRecursiveSource, stmt_file, line,
                                "recursive inclusion of \"" + n + "\"");
            d.conf_text = chain;
            ctx_.diags.add(std::move(d));
            ++nerrs_;
            stopped_ = true;
            return;
        }
        auto first = first_inclusion_.try_emplace(n, stmt_file, line);
        if (!first.second && ctx_.dialect.is_7x()) {
            const auto& [parent, parent_line] = first.first->second;
            Diagnostic d = make(Severity::Error, DiagCode::KconfigRepeatedSource, stmt_file, line,
                                "repeated inclusion of " + n + " (first included at " + parent +
                                    ":" + std::to_string(parent_line) + ")");
            d.conf_text = stmt_file + ":" + std::to_string(line) +
                          ": error: repeated inclusion of " + n + "\n" + parent + ":" +
                          std::to_string(parent_line) + ": note: location of first inclusion of " +
                          n;
            ctx_.diags.add(std::move(d));
            ++nerrs_;
            stopped_ = true;
            return;
        }
        if (text.find('\0') != std::string::npos) {
            size_t nul = text.find('\0');
            int nl = 1 + int(std::count(text.begin(), text.begin() + long(nul), '\n'));
            error_at(n, nl, "NUL byte in Kconfig file");
            return;
        }
        lexer_.push_file(n, std::move(text), line);
    }
}

// The expression rules never return null: a syntax error throws (Unwind).

// if_expr := [ 'if' expr ]
const Expr* Parser::if_expr() {
    if (!accept(Tok::If)) return nullptr;
    return expr();
}

// expr := and_expr ( '||' and_expr )*
const Expr* Parser::expr() {
    const Expr* e = and_expr();
    while (at(Tok::Or)) {
        take();
        const Expr* r = and_expr();
        e = ctx_.new_expr(ExprKind::Or, e, r);
    }
    return e;
}

// and_expr := unary ( '&&' unary )*
const Expr* Parser::and_expr() {
    const Expr* e = unary_expr();
    while (at(Tok::And)) {
        take();
        const Expr* r = unary_expr();
        e = ctx_.new_expr(ExprKind::And, e, r);
    }
    return e;
}

// unary := '!' unary | '(' expr ')' | symbol [ ( '=' | '!=' | '<' | '<=' | '>' | '>=' ) symbol ]
const Expr* Parser::unary_expr() {
    if (accept(Tok::Not)) {
        return ctx_.new_expr(ExprKind::Not, unary_expr());
    }
    if (accept(Tok::OpenParen)) {
        const Expr* e = expr();
        if (!accept(Tok::CloseParen)) {
            syntax_error("missing ')'");
        }
        return e;
    }
    Symbol* left = symbol(true);
    ExprKind cmp = ExprKind::None;
    switch (peek().kind) {
    case Tok::Equal:
        cmp = ExprKind::Equal;
        break;
    case Tok::Unequal:
        cmp = ExprKind::Unequal;
        break;
    case Tok::Less:
        cmp = ExprKind::Less;
        break;
    case Tok::LessEqual:
        cmp = ExprKind::LessEqual;
        break;
    case Tok::Greater:
        cmp = ExprKind::Greater;
        break;
    case Tok::GreaterEqual:
        cmp = ExprKind::GreaterEqual;
        break;
    default:
        return ctx_.new_symbol_expr(left);
    }
    take();
    Symbol* right = symbol(true);
    return ctx_.new_compare_expr(cmp, left, right);
}

// symbol := WORD | WORD_QUOTE
Symbol* Parser::symbol(bool allow_const) {
    if (at(Tok::Word)) return lookup(take().text, false);
    if (allow_const && at(Tok::WordQuote)) return lookup(take().text, true);
    syntax_error("expected a symbol", true);
}

// standalone := 'if' expr EOL
// parse_expression's text, lexed as the condition of a one-line `if` so that
// its syntax is exactly the language's. Its diagnostics are not the tree's:
// they leave the context again, and the first one becomes `error`.
const Expr* Parser::standalone_expression(std::string_view text, std::string& error) {
    size_t before = ctx_.diags.items().size();
    lexer_.open_top("<expr>", "if " + std::string(text) + "\n");
    const Expr* e = nullptr;
    try {
        e = accept(Tok::If) ? expr() : nullptr;
    } catch (const Unwind&) {
        e = nullptr;
    }
    if (e && !at(Tok::Eol)) {
        error = std::string("unexpected ") + token_name(peek().kind) + " after the expression";
        e = nullptr;
    } else if (!e && first_syntax_error_) {
        error = *first_syntax_error_;
    }
    // A lexer warning (an ignored character) makes the expression invalid.
    if (ctx_.diags.items().size() != before) {
        std::string first = ctx_.diags.items()[before].message;
        auto items = ctx_.diags.items();
        ctx_.diags.clear();
        for (size_t i = 0; i < before; ++i)
            ctx_.diags.add(items[i]);
        if (e) error = first;
        e = nullptr;
    }
    if (!e && error.empty()) error = "invalid expression";
    return e;
}

bool run_parse(Context& ctx, FileSource& files, const std::string& top,
               bool background_check = false) {
    Parser parser(ctx, files);
    parser.parse(top);
    parser.preprocessor().flush_cache();
    if (ctx.root_menu.prompt) ctx.mainmenu_text = ctx.root_menu.prompt->text;
    if (!ctx.modules_sym) ctx.modules_sym = &ctx.sym_no;
    if (!ctx.root_menu.prompt) {
        Property* p = ctx.new_property(PropertyKind::Menu, nullptr, &ctx.root_menu, Location{});
        p->text = "Main menu";
        ctx.root_menu.prompt = p;
        ctx.mainmenu_text = p->text;
    }
    // conf stops after a failed parse, before finalize and its warnings.
    if (ctx.diags.has_errors()) return false;
    finalize_menus(ctx);
    // conf refuses a tree with a dependency loop; the chain is reported.
    // In the background only after a clean finalize: its errors fail the
    // load now (the check still runs, as conf's does, for its reports).
    if (background_check && !ctx.diags.has_errors()) {
        start_dependency_check(ctx);
        return true;
    }
    check_all_dependencies(ctx);
    return !ctx.diags.has_errors();
}

// With more than one probe job and a cold probe cache: a throwaway pass over
// the tree that collects its probe commands and starts them in a pool, so
// that they run in parallel (conf runs them one by one, as the parser meets
// them). The pool comes back still running; the real pass reads its answers
// and runs whatever the first pass could not foresee. Null when there is
// nothing to run ahead.
std::unique_ptr<ProbePool> start_probes_ahead(const Context& ctx, const LoadOptions& options) {
    if (options.probes.offline || options.probes.jobs <= 1) return nullptr;
    if (!ProbeCache(ctx, options.probes).empty()) return nullptr; // warm: nothing to run ahead
    auto pool = std::make_unique<ProbePool>(options.process_env, options.env, options.probes.jobs,
                                            options.probes.working_dir);
    Context scratch;
    scratch.srctree = ctx.srctree;
    scratch.env = ctx.env;
    scratch.process_env = ctx.process_env;
    scratch.probe_options = ctx.probe_options;
    scratch.kernel_version = ctx.kernel_version;
    scratch.dialect = ctx.dialect;
    scratch.keep_help = false;
    scratch.probe_pool = pool.get();
    scratch.speculative_pass = true;
    DiskSource files(options.srctree);
    Parser parser(scratch, files);
    parser.parse(options.kconfig);
    return pool;
}

} // namespace

bool load_tree(Context& ctx, const LoadOptions& options) {
    ctx.srctree = options.srctree;
    ctx.env = options.env;
    ctx.process_env = options.process_env;
    ctx.probe_options = options.probes;
    ctx.keep_help = options.keep_help;
    if (ctx.kernel_version.version == 0) {
        std::string err;
        if (auto kv = read_kernel_version(options.srctree, &err)) {
            ctx.kernel_version = *kv;
        } else if (!options.dialect) {
            Diagnostic d;
            d.severity = Severity::Error;
            d.code = DiagCode::KconfigNoVersion;
            d.file = options.srctree + "/Makefile";
            d.message = "cannot tell the tree's Kconfig dialect: " + err;
            ctx.diags.add(std::move(d));
            return false;
        }
    }
    ctx.dialect = options.dialect ? *options.dialect : Dialect::of(ctx.kernel_version);
    DiskSource files(options.srctree);
    std::unique_ptr<ProbePool> pool = start_probes_ahead(ctx, options);
    ctx.probe_pool = pool.get();
    bool ok = run_parse(ctx, files, options.kconfig, options.background_dependency_check);
    ctx.probe_pool = nullptr;
    return ok;
}

bool load_tree_from_memory(Context& ctx, const std::map<std::string, std::string>& files,
                           const std::string& top, const std::map<std::string, std::string>& env,
                           Dialect dialect) {
    ctx.env = env;
    ctx.dialect = dialect;
    ctx.probe_options.use_cache = false;
    MemorySource source(files);
    return run_parse(ctx, source, top);
}

const Expr* parse_expression(Context& ctx, std::string_view text, std::string* error) {
    if (text.find('\n') != std::string_view::npos) {
        if (error) *error = "an expression is one line";
        return nullptr;
    }
    const std::map<std::string, std::string> no_files;
    MemorySource files(no_files);
    Parser parser(ctx, files);
    std::string message;
    const Expr* e = parser.standalone_expression(text, message);
    if (!e && error) *error = message;
    return e;
}

} // namespace kconfig
