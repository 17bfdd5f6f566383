/*
** expr.c -- parse and evaluate the small expression language of expr.h.
** A recursive-descent parser builds a tree; evaluation walks it.  Depth is
** capped so a hostile rule file cannot exhaust the stack.
*/
#include "expr.h"
#include "internal.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 200
#define MAX_NODES 4096

enum { N_NUM, N_NAME, N_CALL, N_NEG, N_NOT, N_BIN };

typedef struct node {
    int type;
    int op;                 /* N_BIN: '+', '-', '*', '/', '<', 'l' (<=), '>',
                               'g' (>=), '=', '!', '&', '|' */
    double num;
    char *name;             /* N_NAME, N_CALL */
    size_t offset;
    int nargs;
    struct node *kid[FC_EXPR_MAX_ARGS]; /* N_BIN: 0, 1; N_NEG/N_NOT: 0 */
} node;

struct fc_expr {
    node *root;
};

typedef struct parser {
    const char *src;
    size_t pos;
    int depth;
    int nodes;
    size_t err_off;
    char *err;
    size_t errsize;
    int failed;
} parser;

static void fail(parser *p, size_t off, const char *msg) {
    if (p->failed) return;
    p->failed = 1;
    p->err_off = off;
    if (p->errsize) fc_copy_utf8(p->err, p->errsize, msg);
}

static void skip_ws(parser *p) {
    while (p->src[p->pos] == ' ' || p->src[p->pos] == '\t' ||
           p->src[p->pos] == '\n' || p->src[p->pos] == '\r')
        p->pos++;
}

static node *mk(parser *p, int type, size_t off) {
    node *n;
    if (++p->nodes > MAX_NODES) {
        fail(p, off, "expression too large");
        return NULL;
    }
    n = calloc(1, sizeof *n);
    if (!n) {
        fail(p, off, "out of memory");
        return NULL;
    }
    n->type = type;
    n->offset = off;
    return n;
}

static void node_free(node *n) {
    int i;
    if (!n) return;
    for (i = 0; i < FC_EXPR_MAX_ARGS; i++) node_free(n->kid[i]);
    free(n->name);
    free(n);
}

static node *parse_or(parser *p);

static int is_name_start(int c) { return isalpha(c) || c == '_'; }
static int is_name_char(int c) { return isalnum(c) || c == '_' || c == '.'; }

static node *parse_primary(parser *p) {
    const char *s = p->src;
    size_t start;
    node *n;
    skip_ws(p);
    start = p->pos;
    if (isdigit((unsigned char)s[p->pos]) ||
        (s[p->pos] == '.' && isdigit((unsigned char)s[p->pos + 1]))) {
        char *end;
        double v = strtod(s + p->pos, &end);
        if (!isfinite(v)) {
            fail(p, start, "number out of range");
            return NULL;
        }
        p->pos = (size_t)(end - s);
        if (!(n = mk(p, N_NUM, start))) return NULL;
        n->num = v;
        return n;
    }
    if (is_name_start((unsigned char)s[p->pos])) {
        while (is_name_char((unsigned char)s[p->pos])) p->pos++;
        if (s[p->pos - 1] == '.') {
            fail(p, p->pos - 1, "a name cannot end with '.'");
            return NULL;
        }
        if (!(n = mk(p, N_NAME, start))) return NULL;
        n->name = fc_strndup(s + start, p->pos - start);
        if (!n->name) {
            node_free(n);
            fail(p, start, "out of memory");
            return NULL;
        }
        skip_ws(p);
        if (s[p->pos] != '(') return n;
        n->type = N_CALL;
        p->pos++;
        skip_ws(p);
        if (s[p->pos] == ')') {
            p->pos++;
            return n;
        }
        for (;;) {
            node *arg;
            if (n->nargs == FC_EXPR_MAX_ARGS) {
                fail(p, p->pos, "too many arguments");
                node_free(n);
                return NULL;
            }
            if (!(arg = parse_or(p))) {
                node_free(n);
                return NULL;
            }
            n->kid[n->nargs++] = arg;
            skip_ws(p);
            if (s[p->pos] == ',') {
                p->pos++;
                continue;
            }
            if (s[p->pos] == ')') {
                p->pos++;
                return n;
            }
            fail(p, p->pos, "expected ',' or ')' in the arguments");
            node_free(n);
            return NULL;
        }
    }
    if (s[p->pos] == '(') {
        p->pos++;
        if (!(n = parse_or(p))) return NULL;
        skip_ws(p);
        if (s[p->pos] != ')') {
            fail(p, p->pos, "expected ')'");
            node_free(n);
            return NULL;
        }
        p->pos++;
        return n;
    }
    fail(p, start, s[start] ? "expected a number, a name or '('"
                            : "unexpected end of the expression");
    return NULL;
}

static node *parse_unary(parser *p) {
    size_t off;
    node *n, *kid;
    skip_ws(p);
    off = p->pos;
    if (p->src[p->pos] != '-' && p->src[p->pos] != '!')
        return parse_primary(p);
    if (++p->depth > MAX_DEPTH) {
        fail(p, off, "expression nested too deeply");
        return NULL;
    }
    p->pos++;
    kid = parse_unary(p);
    p->depth--;
    if (!kid) return NULL;
    if (!(n = mk(p, p->src[off] == '-' ? N_NEG : N_NOT, off))) {
        node_free(kid);
        return NULL;
    }
    n->kid[0] = kid;
    return n;
}

/* Read a binary operator of the given level at the current position;
** returns its code (and advances) or 0. */
static int read_op(parser *p, int level) {
    const char *s = p->src + p->pos;
    skip_ws(p);
    s = p->src + p->pos;
    switch (level) {
    case 0:
        if (s[0] == '|' && s[1] == '|') { p->pos += 2; return '|'; }
        return 0;
    case 1:
        if (s[0] == '&' && s[1] == '&') { p->pos += 2; return '&'; }
        return 0;
    case 2:
        if (s[0] == '<' && s[1] == '=') { p->pos += 2; return 'l'; }
        if (s[0] == '>' && s[1] == '=') { p->pos += 2; return 'g'; }
        if (s[0] == '=' && s[1] == '=') { p->pos += 2; return '='; }
        if (s[0] == '!' && s[1] == '=') { p->pos += 2; return '!'; }
        if (s[0] == '<' || s[0] == '>') { p->pos += 1; return s[0]; }
        return 0;
    case 3:
        if (s[0] == '+' || s[0] == '-') { p->pos += 1; return s[0]; }
        return 0;
    default:
        if (s[0] == '*' || s[0] == '/') { p->pos += 1; return s[0]; }
        return 0;
    }
}

static node *parse_level(parser *p, int level) {
    node *left, *right, *n;
    int op;
    size_t off;
    if (++p->depth > MAX_DEPTH) {
        fail(p, p->pos, "expression nested too deeply");
        return NULL;
    }
    left = level == 4 ? parse_unary(p) : parse_level(p, level + 1);
    while (left) {
        skip_ws(p);
        off = p->pos;
        if (!(op = read_op(p, level))) break;
        right = level == 4 ? parse_unary(p) : parse_level(p, level + 1);
        if (!right || !(n = mk(p, N_BIN, off))) {
            node_free(left);
            node_free(right);
            left = NULL;
            break;
        }
        n->op = op;
        n->kid[0] = left;
        n->kid[1] = right;
        left = n;
        if (level == 2) break; /* comparisons do not chain */
    }
    p->depth--;
    return left;
}

static node *parse_or(parser *p) { return parse_level(p, 0); }

/* Fold a subtree of numbers only (no names, no calls): 1 with its value,
** 0 when it is not constant, -1 when it cannot be computed (division by
** zero, or a value past what a double holds), after fail() at the
** operator. */
static int fold(parser *p, const node *n, double *out) {
    double a, b;
    int ka, kb;
    switch (n->type) {
    case N_NUM:
        *out = n->num;
        return 1;
    case N_NAME:
    case N_CALL: return 0;
    case N_NEG:
    case N_NOT:
        if ((ka = fold(p, n->kid[0], &a)) <= 0) return ka;
        *out = n->type == N_NEG ? -a : a == 0;
        return 1;
    default: break;
    }
    ka = fold(p, n->kid[0], &a);
    kb = fold(p, n->kid[1], &b);
    if (ka < 0 || kb < 0) return -1;
    if (n->op == '/' && kb == 1 && b == 0) {
        fail(p, n->offset, "division by zero");
        return -1;
    }
    if (!ka || !kb) return 0;
    switch (n->op) {
    case '+': *out = a + b; break;
    case '-': *out = a - b; break;
    case '*': *out = a * b; break;
    case '/': *out = a / b; break;
    default: *out = 0; return 1; /* comparisons and logic: 0 or 1 */
    }
    if (!isfinite(*out)) {
        fail(p, n->offset, "the value is out of range (past what a double "
                           "holds)");
        return -1;
    }
    return 1;
}

int fc_expr_parse(const char *src, fc_expr **out, size_t *err_off, char *err,
                  size_t errsize) {
    parser p;
    node *root;
    memset(&p, 0, sizeof p);
    p.src = src;
    p.err = err;
    p.errsize = errsize;
    *out = NULL;
    if (errsize) err[0] = '\0';
    root = parse_or(&p);
    if (root) {
        double v;
        skip_ws(&p);
        if (src[p.pos] != '\0') {
            fail(&p, p.pos, "unexpected text after the expression");
            node_free(root);
            root = NULL;
        } else if (fold(&p, root, &v) < 0) {
            /* 1/0, x/0, 1e300*1e300: never a value, whatever the facts */
            node_free(root);
            root = NULL;
        }
    }
    if (!root) {
        if (err_off) *err_off = p.err_off;
        return FC_EINPUT;
    }
    *out = malloc(sizeof **out);
    if (!*out) {
        node_free(root);
        return FC_ENOMEM;
    }
    (*out)->root = root;
    return FC_OK;
}

void fc_expr_free(fc_expr *e) {
    if (!e) return;
    node_free(e->root);
    free(e);
}

typedef struct evalctx {
    fc_expr_var_fn var;
    fc_expr_call_fn call;
    void *ctx;
    const char *why;       /* set when the arithmetic failed */
    size_t off;            /* at the operator */
} evalctx;

/* An arithmetic failure at n: FC_EINPUT, with the reason kept. */
static int fault(evalctx *c, const node *n, const char *why) {
    if (!c->why) {
        c->why = why;
        c->off = n->offset;
    }
    return FC_EINPUT;
}

static int eval(evalctx *c, const node *n, double *out) {
    double a, b;
    int st, i;
    switch (n->type) {
    case N_NUM:
        *out = n->num;
        return FC_OK;
    case N_NAME:
        if (!c->var) return FC_EINPUT;
        return c->var(c->ctx, n->name, out);
    case N_CALL: {
        double args[FC_EXPR_MAX_ARGS];
        const char *names[FC_EXPR_MAX_ARGS];
        for (i = 0; i < n->nargs; i++) {
            names[i] = n->kid[i]->type == N_NAME ? n->kid[i]->name : NULL;
            /* a bare name argument may be a metric only the function
               understands: an unresolvable one is passed as NaN */
            st = eval(c, n->kid[i], &args[i]);
            if (st != FC_OK) {
                if (!names[i]) return st;
                args[i] = NAN;
            }
        }
        if (!c->call) return FC_EINPUT;
        st = c->call(c->ctx, n->name, n->nargs, args, names, out);
        if (st == FC_OK && !isfinite(*out))
            return fault(c, n, "the value is not a finite number");
        return st;
    }
    case N_NEG:
        if ((st = eval(c, n->kid[0], &a)) != FC_OK) return st;
        *out = -a;
        return FC_OK;
    case N_NOT:
        if ((st = eval(c, n->kid[0], &a)) != FC_OK) return st;
        *out = a == 0;
        return FC_OK;
    default:
        break;
    }
    if ((st = eval(c, n->kid[0], &a)) != FC_OK) return st;
    if (n->op == '&' && a == 0) { *out = 0; return FC_OK; }
    if (n->op == '|' && a != 0) { *out = 1; return FC_OK; }
    if ((st = eval(c, n->kid[1], &b)) != FC_OK) return st;
    switch (n->op) {
    case '+': *out = a + b; break;
    case '-': *out = a - b; break;
    case '*': *out = a * b; break;
    case '/':
        if (b == 0) return fault(c, n, "division by zero");
        *out = a / b;
        break;
    case '<': *out = a < b; break;
    case 'l': *out = a <= b; break;
    case '>': *out = a > b; break;
    case 'g': *out = a >= b; break;
    case '=': *out = a == b; break;
    case '!': *out = a != b; break;
    case '&':
    case '|': *out = b != 0; break;
    default: return FC_EINTERNAL;
    }
    return isfinite(*out) ? FC_OK
                          : fault(c, n, "the value is out of range (past "
                                        "what a double holds)");
}

int fc_expr_eval(const fc_expr *e, fc_expr_var_fn var, fc_expr_call_fn call,
                 void *ctx, double *out) {
    return fc_expr_eval_why(e, var, call, ctx, out, NULL, NULL);
}

int fc_expr_eval_why(const fc_expr *e, fc_expr_var_fn var,
                     fc_expr_call_fn call, void *ctx, double *out,
                     const char **why, size_t *off) {
    evalctx c;
    int st;
    c.var = var;
    c.call = call;
    c.ctx = ctx;
    c.why = NULL;
    c.off = 0;
    st = eval(&c, e->root, out);
    if (why) *why = st == FC_OK ? NULL : c.why;
    if (off) *off = c.off;
    return st;
}

static int each_name(const node *n, fc_expr_name_fn fn, void *ctx) {
    int i, st;
    if (!n) return FC_OK;
    if (n->type == N_NAME || n->type == N_CALL) {
        st = fn(ctx, n->name, n->offset, n->type == N_CALL, n->nargs);
        if (st != FC_OK) return st;
    }
    for (i = 0; i < FC_EXPR_MAX_ARGS; i++)
        if ((st = each_name(n->kid[i], fn, ctx)) != FC_OK) return st;
    return FC_OK;
}

int fc_expr_each_name(const fc_expr *e, fc_expr_name_fn fn, void *ctx) {
    return each_name(e->root, fn, ctx);
}

fc_expr *fc_expr_at(fc_jval m, const char *field, const char *note) {
    fc_expr *e = NULL;
    char err[200];
    size_t off = 0;
    if (!json_is_string(m.v)) {
        fc_jval_error(m, field, "expected an expression string, got %s",
                      fc_json_type_name(m.v));
        return NULL;
    }
    if (fc_expr_parse(json_string_value(m.v), &e, &off, err, sizeof err) !=
        FC_OK) {
        fc_jval pos = m;
        if (m.off >= 0) pos.off = fc_jval_string_offset(m, off);
        if (note)
            fc_jval_error(pos, field, "%s (%s)", err, note);
        else
            fc_jval_error(pos, field, "%s", err);
        return NULL;
    }
    return e;
}
