/*
 * waiting.c - the events waiting to be written, in time order (ties in
 * the order they arrived).
 *
 * Most arrive in order: a traced program's records come through the ring
 * in the order they were made, and a busy session is mostly one program's
 * calls. Those go at the end of a queue, in O(1). Only an event older
 * than the queue's last (a packet pushed by the capture thread a little
 * late, another program's record) goes into a heap. The next event to
 * write is the earlier of the queue's first and the heap's top: the same
 * order one heap of everything would give, without sifting a quarter of a
 * million events through twenty levels each.
 *
 * A call record waits as its text. The texts are copied one after the
 * other into chunks of TEXT_CHUNK bytes; a chunk counts the texts still
 * in it, and is kept for reuse (up to SPARE_CHUNKS of them) when the last
 * is written. So the quarter of a million texts of a busy window cost no
 * malloc each, and no new pages once the first chunks are made.
 */
#include "collect/collector_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/array.h"

#define TEXT_CHUNK   (256 * 1024)
#define SPARE_CHUNKS 16

struct text_chunk {
	struct text_chunk *next; /* in the list of spares */
	size_t used;		 /* bytes given out */
	size_t live;		 /* texts not written yet */
	size_t nspare;		 /* the first spare: how many there are */
	char data[TEXT_CHUNK];
};

static bool before(const struct pending *a, const struct pending *b)
{
	return a->t < b->t || (a->t == b->t && a->seq < b->seq);
}

/* ---- the heap ------------------------------------------------------- */

static void swap(struct pending *a, struct pending *b)
{
	struct pending tmp = *a;

	*a = *b;
	*b = tmp;
}

static int heap_push(struct waiting *w, const struct pending *p)
{
	size_t i;

	if (array_grow(&w->heap, &w->heap_cap, w->nheap, sizeof(*w->heap)) < 0)
		return -1;
	i = w->nheap++;
	w->heap[i] = *p;
	while (i > 0 && before(&w->heap[i], &w->heap[(i - 1) / 2])) {
		swap(&w->heap[i], &w->heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	return 0;
}

static struct pending heap_pop(struct waiting *w)
{
	struct pending top = w->heap[0];
	size_t i = 0;

	w->heap[0] = w->heap[--w->nheap];
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, m = i;
		if (l < w->nheap && before(&w->heap[l], &w->heap[m]))
			m = l;
		if (r < w->nheap && before(&w->heap[r], &w->heap[m]))
			m = r;
		if (m == i)
			break;
		swap(&w->heap[i], &w->heap[m]);
		i = m;
	}
	return top;
}

/* ---- the queue: a ring of a power-of-two size ------------------------- */

static struct pending *queue_at(const struct waiting *w, size_t k)
{
	return &w->queue[(w->qhead + k) & (w->qcap - 1)];
}

static int queue_grow(struct waiting *w)
{
	size_t cap = w->qcap ? w->qcap * 2 : 1024;
	struct pending *q = malloc(cap * sizeof(*q));

	if (!q)
		return -1;
	for (size_t k = 0; k < w->nqueue; k++)
		q[k] = *queue_at(w, k);
	free(w->queue);
	w->queue = q;
	w->qcap = cap;
	w->qhead = 0;
	return 0;
}

static int queue_push(struct waiting *w, const struct pending *p)
{
	if (w->nqueue == w->qcap && queue_grow(w) < 0)
		return -1;
	*queue_at(w, w->nqueue++) = *p;
	return 0;
}

/* ---- both ------------------------------------------------------------ */

int waiting_push(struct waiting *w, const struct pending *p)
{
	if (w->nqueue == 0 || !before(p, queue_at(w, w->nqueue - 1)))
		return queue_push(w, p);
	return heap_push(w, p);
}

size_t waiting_count(const struct waiting *w)
{
	return w->nqueue + w->nheap;
}

/* The earliest event: the queue's first or the heap's top. */
static bool from_queue(const struct waiting *w)
{
	return w->nqueue > 0 && (w->nheap == 0 || before(queue_at(w, 0), &w->heap[0]));
}

int64_t waiting_first_t(const struct waiting *w)
{
	return from_queue(w) ? queue_at(w, 0)->t : w->heap[0].t;
}

struct pending waiting_pop(struct waiting *w)
{
	struct pending p;

	if (!from_queue(w))
		return heap_pop(w);
	p = *queue_at(w, 0);
	w->qhead = (w->qhead + 1) & (w->qcap - 1);
	w->nqueue--;
	return p;
}

/* ---- texts ------------------------------------------------------------ */

int waiting_keep_text(struct waiting *w, struct pending *p, const char *rec, size_t len)
{
	struct text_chunk *k = w->chunk;

	if (len > TEXT_CHUNK)
		return -1;
	if (!k || TEXT_CHUNK - k->used < len) {
		/* A full chunk with texts still in it is released by the last
		 * of them (waiting_drop_text); an empty one is used again. */
		if (!k || k->live > 0) {
			k = w->spare ? w->spare : malloc(sizeof(*k));
			if (!k)
				return -1;
			if (k == w->spare && (w->spare = k->next))
				w->spare->nspare = k->nspare - 1;
		}
		k->used = k->live = 0;
		w->chunk = k;
	}
	p->text = k->data + k->used;
	p->chunk = k;
	memcpy(p->text, rec, len);
	k->used += len;
	k->live++;
	return 0;
}

void waiting_drop_text(struct waiting *w, struct pending *p)
{
	struct text_chunk *k = p->chunk;

	if (!k || --k->live > 0 || k == w->chunk)
		return;
	if (w->spare && w->spare->nspare >= SPARE_CHUNKS) {
		free(k);
		return;
	}
	k->nspare = w->spare ? w->spare->nspare + 1 : 1;
	k->next = w->spare;
	w->spare = k;
}

void waiting_free(struct waiting *w)
{
	while (waiting_count(w) > 0) {
		struct pending p = waiting_pop(w);
		waiting_drop_text(w, &p);
	}
	free(w->queue);
	free(w->heap);
	free(w->chunk);
	for (struct text_chunk *k = w->spare, *next; k; k = next) {
		next = k->next;
		free(k);
	}
	memset(w, 0, sizeof(*w));
}
