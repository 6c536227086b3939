/*
 * A strict reader of the JSON lists in some import columns, parsed as RFC
 * 8259 defines JSON but limited to what those columns need: an array of
 * strings or of flat objects with string or null members.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/error.h"
#include "jsoncell.h"

/* The value offset of a member that is missing or null. */
#define NO_VALUE	SIZE_MAX

struct parser {
	struct ehc_jsoncell *cell;
	const char *text;
	size_t pos;
	const char *const *keys;
	char *reason;
	size_t size;
};

static int	fail(struct parser *, size_t, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* Writes the reason for a syntax error at byte pos, counted from 1. */
static int
fail(struct parser *p, size_t pos, const char *fmt, ...)
{
	char what[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(p->reason, p->size, "byte %zu: %s", pos + 1, what);
	return EHC_DATAERR;
}

static void *
grow(void *array, size_t *cap, size_t need, size_t size)
{
	size_t new_cap = *cap == 0 ? 16 : *cap;
	void *grown;

	if (need <= *cap)
		return array;
	while (new_cap < need)
		new_cap *= 2;
	if ((grown = realloc(array, new_cap * size)) == NULL)
		return NULL;
	*cap = new_cap;
	return grown;
}

static int
add_text(struct parser *p, const char *s, size_t len)
{
	struct ehc_jsoncell *cell = p->cell;
	char *text;

	text = grow(cell->text, &cell->text_cap, cell->text_len + len, 1);
	if (text == NULL)
		return EHC_SOFTWARE;
	cell->text = text;
	memcpy(cell->text + cell->text_len, s, len);
	cell->text_len += len;
	return EHC_OK;
}

static int
add_code_point(struct parser *p, unsigned long cp)
{
	char b[4];

	if (cp < 0x80) {
		b[0] = (char)cp;
		return add_text(p, b, 1);
	}
	if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		return add_text(p, b, 2);
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		return add_text(p, b, 3);
	}
	b[0] = (char)(0xf0 | cp >> 18);
	b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	b[3] = (char)(0x80 | (cp & 0x3f));
	return add_text(p, b, 4);
}

static char
peek(const struct parser *p)
{
	return p->text[p->pos];
}

static void
skip_space(struct parser *p)
{
	while (strchr(" \t\r\n", peek(p)) != NULL && peek(p) != '\0')
		p->pos++;
}

/* Returns the four hex digits at pos as a number, or -1. */
static long
hex4(const struct parser *p, size_t pos)
{
	long value = 0;

	for (size_t i = pos; i < pos + 4; i++) {
		char c = p->text[i];

		value <<= 4;
		if (c >= '0' && c <= '9')
			value |= c - '0';
		else if (c >= 'a' && c <= 'f')
			value |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			value |= c - 'A' + 10;
		else
			return -1;
	}
	return value;
}

/*
 * Decodes the \uXXXX escape at the position. A UTF-16 surrogate must come
 * as a high one followed at once by a low one.
 */
static int
parse_unicode(struct parser *p)
{
	size_t at = p->pos;
	long high = hex4(p, at + 2), low = -1;
	unsigned long cp;

	if (high < 0)
		return fail(p, at, "invalid \\u escape; expected four hex "
			    "digits");
	p->pos = at + 6;
	cp = (unsigned long)high;
	if (high >= 0xdc00 && high <= 0xdfff)
		return fail(p, at, "lone low surrogate \\u%04lx", high);
	if (high >= 0xd800 && high <= 0xdbff) {
		if (p->text[p->pos] == '\\' && p->text[p->pos + 1] == 'u')
			low = hex4(p, p->pos + 2);
		if (low < 0xdc00 || low > 0xdfff)
			return fail(p, at, "high surrogate \\u%04lx without a "
				    "low one after it", high);
		cp = 0x10000 + ((unsigned long)(high - 0xd800) << 10) +
		     (unsigned long)(low - 0xdc00);
		p->pos += 6;
	}

	/* The values are C strings, which a NUL would cut short. */
	if (cp == 0)
		return fail(p, at, "\\u0000 is not allowed");
	return add_code_point(p, cp);
}

static int
parse_escape(struct parser *p)
{
	static const char names[] = "\"\\/bfnrt";
	static const char bytes[] = "\"\\/\b\f\n\r\t";
	char c = p->text[p->pos + 1];
	const char *name;

	if (c == 'u')
		return parse_unicode(p);
	if (c == '\0' || (name = strchr(names, c)) == NULL)
		return fail(p, p->pos, "invalid escape after '\\'");
	p->pos += 2;
	return add_text(p, &bytes[name - names], 1);
}

/* Decodes the string at the position into text and sets *start to it. */
static int
parse_string(struct parser *p, size_t *start)
{
	size_t open = p->pos++;
	unsigned char c;
	int status;

	*start = p->cell->text_len;
	while ((c = (unsigned char)peek(p)) != '"') {
		if (c == '\0')
			return fail(p, open, "string is not closed");
		if (c < 0x20)
			return fail(p, p->pos, "control character 0x%02x in a "
				    "string; write it as \\u%04x", c, c);
		if (c == '\\') {
			status = parse_escape(p);
		} else {
			status = add_text(p, p->text + p->pos, 1);
			p->pos++;
		}
		if (status != EHC_OK)
			return status;
	}
	p->pos++;
	return add_text(p, "", 1);
}

/* Starts an item: width values, each missing until a member sets it. */
static int
add_item(struct parser *p)
{
	struct ehc_jsoncell *cell = p->cell;
	size_t need = cell->value_count + cell->width;
	size_t *values;

	values = grow(cell->values, &cell->value_cap, need, sizeof(*values));
	if (values == NULL)
		return EHC_SOFTWARE;
	cell->values = values;
	for (size_t i = cell->value_count; i < need; i++)
		values[i] = NO_VALUE;
	cell->value_count = need;
	cell->items++;
	return EHC_OK;
}

static int
find_key(const struct parser *p, const char *key)
{
	for (int i = 0; p->keys[i] != NULL; i++)
		if (strcmp(p->keys[i], key) == 0)
			return i;
	return -1;
}

/* Writes the keys into buf as "a, b or c" for a message. */
static void
join_keys(const struct parser *p, char *buf, size_t size)
{
	size_t used = 0, count = 0;

	while (p->keys[count] != NULL)
		count++;
	buf[0] = '\0';
	for (size_t i = 0; i < count && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
					 i == 0 ? "" : i + 1 < count ?
					 ", " : " or ", p->keys[i]);
}

/* Reads one "key": value member of the object whose values start at base. */
static int
parse_member(struct parser *p, size_t base)
{
	size_t at = p->pos, key_start, value;
	char expected[128];
	const char *key;
	int index, status;

	if (peek(p) != '"')
		return fail(p, p->pos, "expected a member name in double "
			    "quotes");
	if ((status = parse_string(p, &key_start)) != EHC_OK)
		return status;
	key = p->cell->text + key_start;
	if ((index = find_key(p, key)) < 0) {
		join_keys(p, expected, sizeof(expected));
		return fail(p, at, "unknown member '%.40s'; expected %s", key,
			    expected);
	}
	if (p->cell->values[base + (size_t)index] != NO_VALUE)
		return fail(p, at, "member '%s' is given twice", key);

	skip_space(p);
	if (peek(p) != ':')
		return fail(p, p->pos, "expected ':' after '%s'", key);
	p->pos++;
	skip_space(p);
	if (strncmp(p->text + p->pos, "null", 4) == 0) {
		p->pos += 4;
		return EHC_OK;
	}
	if (peek(p) != '"')
		return fail(p, p->pos, "member '%s' must be a string or null",
			    p->keys[index]);
	if ((status = parse_string(p, &value)) != EHC_OK)
		return status;
	p->cell->values[base + (size_t)index] = value;
	return EHC_OK;
}

static int
parse_object(struct parser *p)
{
	size_t base = p->cell->value_count;
	int status;

	if (peek(p) != '{')
		return fail(p, p->pos, "expected an object");
	if ((status = add_item(p)) != EHC_OK)
		return status;
	p->pos++;
	skip_space(p);
	if (peek(p) == '}') {
		p->pos++;
		return EHC_OK;
	}
	for (;;) {
		if ((status = parse_member(p, base)) != EHC_OK)
			return status;
		skip_space(p);
		if (peek(p) == '}')
			break;
		if (peek(p) != ',')
			return fail(p, p->pos, "expected ',' or '}'");
		p->pos++;
		skip_space(p);
	}
	p->pos++;
	return EHC_OK;
}

static int
parse_item(struct parser *p)
{
	size_t value;
	int status;

	if (p->keys != NULL)
		return parse_object(p);
	if (peek(p) != '"')
		return fail(p, p->pos, "expected a string");
	if ((status = parse_string(p, &value)) != EHC_OK)
		return status;
	if ((status = add_item(p)) != EHC_OK)
		return status;
	p->cell->values[p->cell->value_count - 1] = value;
	return EHC_OK;
}

static int
parse_array(struct parser *p)
{
	int status;

	skip_space(p);
	if (peek(p) != '[')
		return fail(p, p->pos, "expected '[' to start the list");
	p->pos++;
	skip_space(p);
	if (peek(p) == ']') {
		p->pos++;
	} else {
		for (;;) {
			if ((status = parse_item(p)) != EHC_OK)
				return status;
			skip_space(p);
			if (peek(p) == ']')
				break;
			if (peek(p) != ',')
				return fail(p, p->pos, "expected ',' or ']'");
			p->pos++;
			skip_space(p);
		}
		p->pos++;
	}
	skip_space(p);
	if (peek(p) != '\0')
		return fail(p, p->pos, "unexpected text after the list");
	return EHC_OK;
}

int
ehc_jsoncell_parse(struct ehc_jsoncell *cell, const char *text,
		   const char *const *keys, char *reason, size_t size)
{
	struct parser p = {
		.cell = cell, .text = text, .keys = keys, .reason = reason,
		.size = size,
	};
	size_t width = 1;

	if (keys != NULL)
		for (width = 0; keys[width] != NULL; width++)
			continue;
	cell->text_len = 0;
	cell->value_count = 0;
	cell->items = 0;
	cell->width = width;
	return parse_array(&p);
}

const char *
ehc_jsoncell_get(const struct ehc_jsoncell *cell, size_t item, size_t key)
{
	size_t value = cell->values[item * cell->width + key];

	return value == NO_VALUE ? NULL : cell->text + value;
}

void
ehc_jsoncell_release(struct ehc_jsoncell *cell)
{
	free(cell->text);
	free(cell->values);
	*cell = (struct ehc_jsoncell){ 0 };
}
