/* SPDX-License-Identifier: MIT */
/* <limits.h> for the freestanding guest agent (LP64). */
#ifndef GUEST_LIMITS_H
#define GUEST_LIMITS_H

#define CHAR_BIT    8
#define INT_MAX     0x7fffffff
#define INT_MIN     (-INT_MAX - 1)
#define UINT_MAX    0xffffffffu
#define LONG_MAX    0x7fffffffffffffffl
#define ULONG_MAX   0xfffffffffffffffful

#endif
