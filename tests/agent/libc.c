/* SPDX-License-Identifier: MIT */
/*
 * Freestanding string functions for the guest agent and libfdt.  The agent
 * runs with the MMU off (Device memory: no unaligned access), so everything
 * here works byte by byte; it is small and not on a measured path.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void *memcpy(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    while ( n-- )
        *d++ = *s++;
    return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;

    if ( d < s )
        while ( n-- )
            *d++ = *s++;
    else
        while ( n-- )
            d[n] = s[n];
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    unsigned char *d = dst;

    while ( n-- )
        *d++ = (unsigned char)c;
    return dst;
}

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a, *y = b;

    for ( ; n; n--, x++, y++ )
        if ( *x != *y )
            return *x - *y;
    return 0;
}

void *memchr(const void *s, int c, size_t n)
{
    const unsigned char *p = s;

    for ( ; n; n--, p++ )
        if ( *p == (unsigned char)c )
            return (void *)p;
    return NULL;
}

size_t strlen(const char *s)
{
    size_t n = 0;

    while ( s[n] )
        n++;
    return n;
}

size_t strnlen(const char *s, size_t max)
{
    size_t n = 0;

    while ( n < max && s[n] )
        n++;
    return n;
}

char *strchr(const char *s, int c)
{
    for ( ; ; s++ )
    {
        if ( *s == (char)c )
            return (char *)s;
        if ( !*s )
            return NULL;
    }
}

char *strrchr(const char *s, int c)
{
    const char *last = NULL;

    for ( ; ; s++ )
    {
        if ( *s == (char)c )
            last = s;
        if ( !*s )
            return (char *)last;
    }
}

int strcmp(const char *a, const char *b)
{
    while ( *a && *a == *b )
        a++, b++;
    return (unsigned char)*a - (unsigned char)*b;
}

int strncmp(const char *a, const char *b, size_t n)
{
    for ( ; n; n--, a++, b++ )
    {
        if ( *a != *b )
            return (unsigned char)*a - (unsigned char)*b;
        if ( !*a )
            break;
    }
    return 0;
}

unsigned long strtoul(const char *s, char **end, int base)
{
    unsigned long v = 0;
    unsigned int d;

    while ( *s == ' ' || *s == '\t' )
        s++;
    if ( (base == 0 || base == 16) && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') )
    {
        s += 2;
        base = 16;
    }
    else if ( base == 0 )
        base = s[0] == '0' ? 8 : 10;
    for ( ; ; s++ )
    {
        if ( *s >= '0' && *s <= '9' )
            d = *s - '0';
        else if ( *s >= 'a' && *s <= 'z' )
            d = *s - 'a' + 10;
        else if ( *s >= 'A' && *s <= 'Z' )
            d = *s - 'A' + 10;
        else
            break;
        if ( d >= (unsigned int)base )
            break;
        v = v * base + d;
    }
    if ( end )
        *end = (char *)s;
    return v;
}
