/*
** expr.h -- a small, safe arithmetic expression language, used by the
** lexicon (interval formulas such as "v - p/2") and by derive rules
** ("industry.value_added / gdp * 100").
**
** Grammar (lowest precedence first):
**   expr    := or
**   or      := and ("||" and)*
**   and     := cmp ("&&" cmp)*
**   cmp     := sum (("<" | "<=" | ">" | ">=" | "==" | "!=") sum)?
**   sum     := product (("+" | "-") product)*
**   product := unary (("*" | "/") unary)*
**   unary   := ("-" | "!") unary | primary
**   primary := NUMBER | NAME | NAME "(" [expr ("," expr)*] ")" | "(" expr ")"
** NAME is [A-Za-z_][A-Za-z0-9_.]* so metric keys are names.  Comparisons
** and logic yield 1 or 0.  There are no loops, no assignment and no access
** to anything but what the callbacks give.
*/
#ifndef FC_EXPR_H
#define FC_EXPR_H

#include <stddef.h>

typedef struct fc_expr fc_expr;

#define FC_EXPR_MAX_ARGS 8

/* Compile src.  On error returns FC_EINPUT, sets *err_off to the byte
** offset of the problem and writes a message into err.  Nesting is capped
** (MAX_DEPTH levels, MAX_NODES nodes: "expression nested too deeply",
** "expression too large"), and arithmetic that can never have a value is
** refused where it is written: a division by a constant zero (1/0, x/0)
** is "division by zero", a constant past what a double holds (1e308 * 10)
** "the value is out of range (past what a double holds)". */
int fc_expr_parse(const char *src, fc_expr **out, size_t *err_off, char *err,
                  size_t errsize);
void fc_expr_free(fc_expr *e);

/* Resolve a name to a value.  Return FC_OK, or FC_EINPUT when the name has
** no value (the evaluation then fails with that status). */
typedef int (*fc_expr_var_fn)(void *ctx, const char *name, double *out);
/* Call a function.  args holds the evaluated arguments; argnames[i] is the
** name when argument i is a bare NAME (so that prev(metric) can see which
** metric), else NULL. */
typedef int (*fc_expr_call_fn)(void *ctx, const char *name, int nargs,
                               const double *args,
                               const char *const *argnames, double *out);

/* Evaluate.  Division by zero and non-finite results are FC_EINPUT. */
int fc_expr_eval(const fc_expr *e, fc_expr_var_fn var, fc_expr_call_fn call,
                 void *ctx, double *out);
/* The same, saying why the arithmetic failed: on FC_EINPUT *why is
** "division by zero", "the value is out of range (past what a double
** holds)" or "the value is not a finite number" (a call's result), with
** *off the byte offset of the operator or call; *why is NULL when a name
** or call had no value.  why and off may be NULL. */
int fc_expr_eval_why(const fc_expr *e, fc_expr_var_fn var,
                     fc_expr_call_fn call, void *ctx, double *out,
                     const char **why, size_t *off);

/* Visit every name (is_call 0) and function call (is_call 1, with its
** argument count) in source order, with its byte offset; for validation
** before anything runs.  A non-OK return from fn stops and is returned. */
typedef int (*fc_expr_name_fn)(void *ctx, const char *name, size_t offset,
                               int is_call, int nargs);
int fc_expr_each_name(const fc_expr *e, fc_expr_name_fn fn, void *ctx);

/* Compile the expression string at JSON value m (a rule or lexicon
** member named field); a wrong type or a syntax error is reported at its
** position, with note in parentheses when given.  NULL on error. */
struct fc_jval;
fc_expr *fc_expr_at(struct fc_jval m, const char *field, const char *note);

#endif /* FC_EXPR_H */
