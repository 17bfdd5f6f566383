/*
** report_claimreview.c -- findings as schema.org ClaimReview, JSON-LD:
** an array with one ClaimReview for each finding (not baselined, warning
** or error) that contradicts a published figure.
**
** The claim reviewed is the figure of the checked side (the document of
** lower authority), else the later figure of the finding, else its only
** one; its appearance is that document: the address the manifest gives as
** its source (or its path), its publisher and date.  The rating is from
** the finding's type, on a scale of 1 (false) to 5 (true), with the type
** in words as its alternateName, which is what readers are shown.
*/
#include "report.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct verdict {
    const char *type;
    int rating;            /* 1 false .. 5 true */
    const char *name;      /* the rating in words */
} verdict;

static const verdict verdicts[] = {
    {FC_TYPE_VALUE_CONFLICT, 2, "Contradicted by another report"},
    {FC_TYPE_SCALE_SLIP, 1, "Wrong scale or unit"},
    {FC_TYPE_BASIS_MISMATCH, 2, "Misleading: a share of another whole"},
    {FC_TYPE_POPULATION, 3, "Misleading: another population"},
    {FC_TYPE_STREAK, 2, "Inconsistent with earlier reports"},
    {FC_TYPE_GROWTH, 2, "Does not follow from the published levels"},
    {FC_TYPE_PART_WHOLE, 1, "A part larger than its whole"},
    {FC_TYPE_SHARE_RANGE, 1, "Not a possible share"},
    {FC_TYPE_SHARE_SUM, 1, "Shares that exceed their whole"},
    {FC_TYPE_DERIVED, 2, "Does not add up"},
    {FC_TYPE_TEXT, 2, "Inconsistent with the date of the report"},
};

static const verdict *verdict_of(const char *type) {
    size_t i;
    for (i = 0; i < sizeof verdicts / sizeof verdicts[0]; i++)
        if (!strcmp(verdicts[i].type, type)) return &verdicts[i];
    return NULL;
}

/* The figure a finding says is wrong. */
static const fc_fact *claim_of(const fc_finding *f) {
    size_t i;
    for (i = 0; i < f->nfacts; i++)
        if (f->roles && f->roles[i] && !strcmp(f->roles[i], "checked"))
            return f->facts[i];
    for (i = 0; i < f->nfacts; i++)
        if (f->roles && f->roles[i] && (!strcmp(f->roles[i], "later") ||
                                        !strcmp(f->roles[i], "part")))
            return f->facts[i];
    return f->nfacts ? f->facts[f->nfacts > 1 ? 1 : 0] : NULL;
}

static int set_str(json_t *o, const char *key, const char *v) {
    return v && *v ? json_object_set_new(o, key, json_string(v)) : 0;
}

static json_t *review(const fc_finding *f, const verdict *v, rp_docs *dc,
                      const char *today) {
    const fc_fact *c = claim_of(f);
    const fc_doc *doc = c ? rp_docs_get(dc, c->doc) : NULL;
    json_t *r = json_object(), *item = json_object(), *app = json_object(),
           *rating = json_object(), *author = json_object();
    char claim[1024];
    if (!r || !item || !app || !rating || !author || !c) {
        json_decref(r);
        json_decref(item);
        json_decref(app);
        json_decref(rating);
        json_decref(author);
        return NULL;
    }
    /* the claim as published: the sentence around the figure */
    if (doc && rp_span_ok(doc, c)) {
        size_t a, b;
        rp_window(doc, (size_t)c->span.start, (size_t)c->span.end, 200, &a,
                  &b);
        snprintf(claim, sizeof claim, "%.*s", (int)(b - a), doc->text + a);
    } else {
        snprintf(claim, sizeof claim, "%s",
                 c->context && *c->context ? c->context
                 : c->text                 ? c->text
                                           : f->message);
    }
    set_str(r, "@context", "https://schema.org");
    set_str(r, "@type", "ClaimReview");
    set_str(r, "identifier", f->id);
    set_str(r, "datePublished", today);
    set_str(r, "claimReviewed", claim);
    set_str(r, "reviewBody", f->message);
    set_str(author, "@type", "Organization");
    set_str(author, "name", "factcheck");
    json_object_set_new(r, "author", author);
    set_str(item, "@type", "Claim");
    set_str(app, "@type", "CreativeWork");
    if (doc) {
        set_str(app, "url", doc->source && *doc->source ? doc->source
                                                        : doc->path);
        set_str(app, "headline", doc->title);
        set_str(app, "datePublished", doc->published);
        if (doc->publisher) {
            json_t *p = json_object();
            set_str(p, "@type", "Organization");
            set_str(p, "name", doc->publisher);
            json_object_set_new(app, "publisher", p);
        }
        set_str(item, "datePublished", doc->published);
        if (doc->source && *doc->source) set_str(r, "url", doc->source);
    } else {
        set_str(app, "name", c->doc);
    }
    json_object_set_new(item, "appearance", app);
    json_object_set_new(r, "itemReviewed", item);
    set_str(rating, "@type", "Rating");
    json_object_set_new(rating, "ratingValue", json_integer(v->rating));
    json_object_set_new(rating, "bestRating", json_integer(5));
    json_object_set_new(rating, "worstRating", json_integer(1));
    set_str(rating, "alternateName", v->name);
    json_object_set_new(r, "reviewRating", rating);
    return r;
}

int rp_claimreview(FILE *fp, const fc_findings *fs, fc_store *s,
                   const fc_report_opts *o) {
    rp_docs dc;
    json_t *all = json_array();
    char today[16], *text;
    time_t now = time(NULL);
    struct tm tmv;
    size_t i;
    int st = FC_OK;
    if (!all) return FC_ENOMEM;
    gmtime_r(&now, &tmv);
    strftime(today, sizeof today, "%Y-%m-%d", &tmv);
    if (o && o->today) snprintf(today, sizeof today, "%s", o->today);
    rp_docs_init_opts(&dc, s, o);
    for (i = 0; i < fc_findings_count(fs) && st == FC_OK; i++) {
        const fc_finding *f = fc_findings_get(fs, i);
        const verdict *v = verdict_of(f->type);
        json_t *r;
        if (f->baselined || !v || rp_severity_rank(f->severity) > 1) continue;
        if (!(r = review(f, v, &dc, today)) || json_array_append_new(all, r))
            st = FC_ENOMEM;
    }
    rp_docs_free(&dc);
    if (st == FC_OK) {
        text = json_dumps(all, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
        if (!text) st = FC_ENOMEM;
        else {
            fputs(text, fp);
            fputc('\n', fp);
            free(text);
        }
    }
    json_decref(all);
    return st == FC_OK && ferror(fp) ? FC_EIO : st;
}
