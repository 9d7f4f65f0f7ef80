/*
 * svg.h - a time-sequence graph (graph/tseq.h) as an SVG picture, for a
 * lab report: `socklab plot`.
 *
 * Written by hand, not by a plotting program: the picture is a few
 * hundred lines and rectangles whose meaning socklab knows (each segment
 * names its frame, each mark its kind, in a <title> a reader shows on
 * hover), and a file any browser or report tool opens, with nothing more
 * to install. Every element of the analysis has a class ("seg",
 * "retransmission", "dup-ack", "zero-window", "probe", "ack", "window")
 * so that a test, or a student, can count them.
 */
#ifndef SOCKLAB_SVG_H
#define SOCKLAB_SVG_H

#include <stdio.h>

#include "graph/tseq.h"

#define SVG_WIDTH  960
#define SVG_HEIGHT 600

/* Writes g as an SVG document to out, titled title. Returns 0, or -1 when
 * writing failed. */
int graph_svg(const struct tseq *g, const char *title, FILE *out);

#endif
