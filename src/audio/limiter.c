/* limiter — the master's true-peak limiter at the input rate (master_parts.h). */
#include "master_parts.h"
#include <math.h>
#include <string.h>

void limiter_init(limiter *l, int rate, double ceiling_db)
{
    memset(l, 0, sizeof *l);
    l->L = (int)lround(LIM_ATTACK_S * rate);
    if (l->L < 1) l->L = 1;
    if (l->L > LIM_MAXL) l->L = LIM_MAXL;
    l->ceiling = (float)pow(10, (ceiling_db - LIM_MARGIN_DB) / 20);
    l->rel = (float)exp(-1.0 / (LIM_RELEASE_S * rate));
    l->idle = l->L;
}

/* Fully released, nothing asked within L samples: the box holds L zeros. */
int limiter_idle(const limiter *l) { return l->u == 0 && !l->dq_n && l->idle >= l->L; }

/* n samples that ask nothing through an idle limiter: only the delay. */
void limiter_pass(limiter *l, const float *x, float *y, size_t n)
{
    int pos = l->pos;
    const int L = l->L;
    for (size_t i = 0; i < n; i++) {
        l->x[pos] = x[i];
        if (++pos == L) pos = 0;
        y[i] = l->x[pos];
    }
    l->pos = pos;
    l->t += n;
    l->box_sum = 0;
}

/* n samples in (x, with their peak estimates p times pg, or none when p
 * is NULL), the samples of L-1 steps before them out in y. Kept as depths
 * (1 - gain): the release is then one multiplication. */
void limiter_run(limiter *l, const float *x, const float *p, float pg, float *y, size_t n)
{
    const int L = l->L;
    const float ceiling = l->ceiling, rel = l->rel;
    const double invL = 1.0 / L;
    float u = l->u;
    double box_sum = l->box_sum;
    int pos = l->pos, idle = l->idle;
    unsigned long long t = l->t;
    for (size_t i = 0; i < n; i++, t++) {
        const float peak = p ? p[i] * pg : 0;
        if (peak > ceiling) {
            const float d = 1 - ceiling / peak;
            while (l->dq_n) {       /* sliding maximum depth of the last L requests */
                int back = l->dq_head + l->dq_n - 1;
                if (back >= LIM_DQ) back -= LIM_DQ;
                if (l->dq_v[back] > d) break;
                l->dq_n--;
            }
            int at = l->dq_head + l->dq_n;
            if (at >= LIM_DQ) at -= LIM_DQ;
            l->dq_v[at] = d;
            l->dq_i[at] = t;
            l->dq_n++;
        } else if (u == 0 && idle >= L && !l->dq_n) {
            /* nothing asked for L samples and fully released: pass through */
            l->x[pos] = x[i];
            if (++pos == L) pos = 0;
            y[i] = l->x[pos];
            box_sum = 0;                      /* the box holds L zeros */
            continue;
        }
        while (l->dq_n && t - l->dq_i[l->dq_head] >= (unsigned long long)L) {
            if (++l->dq_head == LIM_DQ) l->dq_head = 0;
            l->dq_n--;
        }
        u *= rel;
        if (u < 1e-6f) u = 0;                 /* released (float would creep forever) */
        if (l->dq_n && u < l->dq_v[l->dq_head]) u = l->dq_v[l->dq_head];
        idle = u == 0 ? (idle < L ? idle + 1 : L) : 0;
        box_sum += (double)u - l->box[pos];
        l->box[pos] = u;
        l->x[pos] = x[i];
        if (++pos == L) pos = 0;
        float s = 1 - (float)(box_sum * invL);
        y[i] = l->x[pos] * (s > 1 ? 1 : s);  /* x of t-L+1 (or t when L is 1) */
    }
    l->u = u, l->box_sum = box_sum, l->pos = pos, l->idle = idle, l->t = t;
}
