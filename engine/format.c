/*
** format.c -- figures as a reader would write them: 7.058 million, 27.7%,
** 40 trillion CNY, 8,997.  Shared by rule messages and every report.
*/
#include "internal.h"

#include <math.h>
#include <string.h>

/* x with thousands separators and at most `dec` decimals, trailing zeros
** dropped. */
static void grouped(char *out, size_t size, double x, int dec) {
    char tmp[64], *dot, *p;
    size_t n, i, lead, o = 0;
    if (size == 0) return;
    snprintf(tmp, sizeof tmp, "%.*f", dec, fabs(x));
    if ((dot = strchr(tmp, '.')) != NULL) {
        p = tmp + strlen(tmp) - 1;
        while (p > dot && *p == '0') *p-- = '\0';
        if (p == dot) *p = '\0';
    }
    dot = strchr(tmp, '.');
    n = dot ? (size_t)(dot - tmp) : strlen(tmp);
    if (x < 0 && strcmp(tmp, "0") != 0 && o + 1 < size) out[o++] = '-';
    lead = n % 3 ? n % 3 : 3;
    for (i = 0; i < n && o + 2 < size; i++) {
        if (i == lead || (i > lead && (i - lead) % 3 == 0)) out[o++] = ',';
        out[o++] = tmp[i];
    }
    if (dot)
        for (p = dot; *p && o + 1 < size; p++) out[o++] = *p;
    out[o] = '\0';
}

void fc_format_value(double v, const char *unit, char *out, size_t size) {
    static const struct { double scale; const char *word; } words[] = {
        {1e12, "trillion"}, {1e9, "billion"}, {1e6, "million"}};
    char num[64];
    size_t i;
    const char *w = NULL;
    if (!isfinite(v)) {
        snprintf(out, size, "?");
        return;
    }
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        if (fabs(v) >= words[i].scale) {
            grouped(num, sizeof num, v / words[i].scale, 4);
            w = words[i].word;
            break;
        }
    if (!w) grouped(num, sizeof num, v, 4);
    if (unit && strcmp(unit, "%") == 0)
        snprintf(out, size, "%s%s%s%%", num, w ? " " : "", w ? w : "");
    else if (!unit || strcmp(unit, "count") == 0)
        snprintf(out, size, "%s%s%s", num, w ? " " : "", w ? w : "");
    else
        snprintf(out, size, "%s%s%s %s", num, w ? " " : "", w ? w : "",
                 unit);
}

void fc_format_interval(double lo, double hi, const char *unit, char *out,
                        size_t size) {
    char a[64], b[64];
    fc_format_value(lo, unit, a, sizeof a);
    fc_format_value(hi, unit, b, sizeof b);
    if (strcmp(a, b) == 0) /* one value, as written */
        snprintf(out, size, "%s", a);
    else
        snprintf(out, size, "[%s, %s]", a, b);
}
