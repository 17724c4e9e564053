/* SPDX-License-Identifier: MIT */
/* The subset of <stdlib.h> libfdt needs (libc.c). */
#ifndef GUEST_STDLIB_H
#define GUEST_STDLIB_H
#include <stddef.h>

unsigned long strtoul(const char *s, char **end, int base);

#endif
