/* Small text helpers: suggestions for mistyped names, UTF-8 checks. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ehc/text.h"

/* Words longer than this are compared on their first bytes only. */
#define DISTANCE_MAX_LEN 64

size_t
ehc_text_distance(const char *a, const char *b)
{
	size_t row[DISTANCE_MAX_LEN + 1];
	size_t alen = strnlen(a, DISTANCE_MAX_LEN);
	size_t blen = strnlen(b, DISTANCE_MAX_LEN);

	for (size_t j = 0; j <= blen; j++)
		row[j] = j;
	for (size_t i = 1; i <= alen; i++) {
		size_t diagonal = row[0];

		row[0] = i;
		for (size_t j = 1; j <= blen; j++) {
			size_t above = row[j];
			int same = tolower((unsigned char)a[i - 1]) ==
				   tolower((unsigned char)b[j - 1]);
			size_t best = diagonal + !same;

			if (above + 1 < best)
				best = above + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diagonal = above;
		}
	}
	return row[blen];
}

const char *
ehc_text_nearest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	size_t best_distance = (size_t)-1;
	size_t len = strlen(word);

	for (const char *const *c = candidates; *c != NULL; c++) {
		size_t d = ehc_text_distance(word, *c);

		/* A prefix of a long name is a likely abbreviation. */
		if (len >= 3 && strncasecmp(word, *c, len) == 0)
			d = d < 1 ? d : 1;
		if (d < best_distance) {
			best = *c;
			best_distance = d;
		}
	}

	/* Allow about one typo in three letters, and at least one. */
	if (best == NULL || best_distance > (len < 3 ? 1 : len / 3 + 1))
		return NULL;
	return best;
}

size_t
ehc_text_utf8_invalid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];
		size_t need;
		unsigned long cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xc2 && c <= 0xdf) {
			need = 1;
			cp = c & 0x1f;
		} else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			cp = c & 0x0f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (len - i <= need)
			return i;
		for (size_t k = 1; k <= need; k++) {
			if ((p[i + k] & 0xc0) != 0x80)
				return i;
			cp = cp << 6 | (p[i + k] & 0x3f);
		}
		/* Overlong forms, UTF-16 surrogates, values past U+10FFFF. */
		if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
		    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
			return i;
		i += need + 1;
	}
	return len;
}

bool
ehc_text_has_control(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return true;
		/* C1 controls U+0080 to U+009F are encoded 0xc2 0x80-0x9f. */
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return true;
	}
	return false;
}

size_t
ehc_text_width(const char *s)
{
	size_t n = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		n += (*p & 0xc0) != 0x80;
	return n;
}

/* Returns the length of the UTF-8 sequence that starts with lead. */
static size_t
sequence_length(unsigned char lead)
{
	if (lead < 0x80)
		return 1;
	if (lead < 0xe0)
		return 2;
	if (lead < 0xf0)
		return 3;
	return 4;
}

/* Returns the code point of a valid UTF-8 sequence of len bytes at p. */
static unsigned long
decode(const unsigned char *p, size_t len)
{
	static const unsigned char lead_mask[] = { 0x7f, 0x1f, 0x0f, 0x07 };
	unsigned long cp = p[0] & lead_mask[len - 1];

	for (size_t k = 1; k < len; k++)
		cp = cp << 6 | (p[k] & 0x3f);
	return cp;
}

/* Bidirectional embeddings, overrides and isolates can reorder a line. */
static bool
is_bidi_control(unsigned long cp)
{
	return (cp >= 0x202a && cp <= 0x202e) ||
	       (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e || cp == 0x200f;
}

void
ehc_text_put_safe(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);

	while (left > 0) {
		size_t n = sequence_length(*p);
		unsigned long cp;

		if (n > left ||
		    ehc_text_utf8_invalid((const char *)p, n) != n) {
			fprintf(out, "\\x%02x", *p);
			p++;
			left--;
			continue;
		}
		cp = decode(p, n);
		if (cp < 0x20 || cp == 0x7f)
			fprintf(out, "\\x%02lx", cp);
		else if ((cp >= 0x80 && cp <= 0x9f) || is_bidi_control(cp))
			fprintf(out, "\\u%04lx", cp);
		else
			fwrite(p, 1, n, out);
		p += n;
		left -= n;
	}
}

/* Unicode White_Space, and the zero-width space and no-break one. */
static bool
is_space(unsigned long cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' ||
	       cp == 0x0b || cp == 0x0c || cp == 0x85 || cp == 0xa0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200b) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
	       cp == 0x3000 || cp == 0xfeff;
}

bool
ehc_text_has_bidi_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = sequence_length(*p);

		if (is_bidi_control(decode(p, n)))
			return true;
		p += n;
	}
	return false;
}

bool
ehc_text_has_invisible(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = sequence_length(*p);
		unsigned long cp = decode(p, n);

		if (cp == 0x200b || cp == 0x2060 || cp == 0xfeff ||
		    cp == 0x2028 || cp == 0x2029)
			return true;
		p += n;
	}
	return false;
}

bool
ehc_text_blank(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t n = sequence_length(*p);

		if (!is_space(decode(p, n)))
			return false;
		p += n;
	}
	return true;
}

bool
ehc_text_padded(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long last = 0;

	if (*p == '\0')
		return false;
	if (is_space(decode(p, sequence_length(*p))))
		return true;
	while (*p) {
		size_t n = sequence_length(*p);

		last = decode(p, n);
		p += n;
	}
	return is_space(last);
}
