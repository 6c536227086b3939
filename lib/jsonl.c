/*
 * A streaming reader of JSON lines import files. Each line is read whole,
 * checked as UTF-8 and parsed as one flat JSON object, so memory grows only
 * with the longest line.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/jsonl.h"
#include "ehc/text.h"
#include "array.h"

/* The UTF-8 encoding of U+FEFF, which some Windows programs write first. */
#define BOM		"\xef\xbb\xbf"
#define BOM_LEN		3

/* The offset of the value of a null member, which has no text. */
#define NULL_VALUE	SIZE_MAX

/* Room for a key or a number quoted in a message, cut short past that. */
#define SHOWN_MAX	48

struct ehc_jsonl {
	FILE *in;
	unsigned long line_number;	/* of the line in line */
	unsigned long object_line;

	char *line;		/* the line without its LF */
	size_t line_len;
	size_t line_cap;
	size_t line_offset;	/* bytes removed from its start (a BOM) */
	size_t pos;		/* the parser's offset in line */

	char *text;		/* keys and values, each NUL-terminated */
	size_t text_len;
	size_t text_cap;

	size_t *key_starts;	/* offsets in text */
	size_t *value_starts;	/* offsets in text, or NULL_VALUE */
	bool *value_strings;	/* whether each value was a JSON string */
	size_t starts_cap;
	char **keys;
	char **values;
	char **sorted_keys;	/* for finding duplicates */
	size_t pointers_cap;
	size_t count;

	struct ehc_error failure;	/* status EHC_OK until an error */
};

static int	syntax_error(const struct ehc_jsonl *, size_t,
		    struct ehc_error *, const char *, ...)
		    __attribute__((format(printf, 4, 5)));

static int
out_of_memory(struct ehc_error *err)
{
	return ehc_error_set(err, EHC_SOFTWARE, "out of memory");
}

struct ehc_jsonl *
ehc_jsonl_create(FILE *in)
{
	struct ehc_jsonl *r;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->in = in;
	return r;
}

void
ehc_jsonl_destroy(struct ehc_jsonl *r)
{
	if (r == NULL)
		return;
	free(r->line);
	free(r->text);
	free(r->key_starts);
	free(r->value_starts);
	free(r->value_strings);
	free(r->keys);
	free(r->values);
	free(r->sorted_keys);
	free(r);
}

bool
ehc_jsonl_string(const struct ehc_jsonl *r, size_t i)
{
	return i < r->count && r->value_strings[i];
}

unsigned long
ehc_jsonl_line(const struct ehc_jsonl *r)
{
	return r->object_line;
}

/*
 * Fills err with EHC_DATAERR and the message after "line N: column C: ",
 * where C is the 1-based byte offset of pos in the line as the file has it.
 */
static int
syntax_error(const struct ehc_jsonl *r, size_t pos, struct ehc_error *err,
    const char *fmt, ...)
{
	char what[sizeof(err->message)];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return ehc_error_set(err, EHC_DATAERR, "line %lu: column %zu: %s",
	    r->line_number, pos + r->line_offset + 1, what);
}

/*
 * Copies the valid UTF-8 text s of len bytes into buf for a message. Control
 * characters become '?', and text past SHOWN_MAX bytes is cut at a character
 * boundary and marked with "...".
 */
static const char *
show(const char *s, size_t len, char *buf, size_t size)
{
	size_t n = 0;

	for (size_t i = 0; i < len && n + 4 < size; i++) {
		unsigned char c = (unsigned char)s[i];

		if (n >= SHOWN_MAX && (c & 0xc0) != 0x80) {
			memcpy(buf + n, "...", 3);
			n += 3;
			break;
		}
		buf[n++] = c < 0x20 || c == 0x7f ? '?' : (char)c;
	}
	buf[n] = '\0';
	return buf;
}

/* Returns the key at offset key of text in a form fit for a message. */
static const char *
show_key(const struct ehc_jsonl *r, size_t key, char *buf, size_t size)
{
	const char *s = r->text + key;

	return show(s, strlen(s), buf, size);
}

/* Reads the next line without its LF. Returns EHC_NOINPUT at the end. */
static int
read_line(struct ehc_jsonl *r, struct ehc_error *err)
{
	bool ended = false;
	char *p;
	int c;

	r->line_len = 0;
	r->line_offset = 0;
	r->line_number++;
	while ((c = getc(r->in)) != EOF) {
		if (c == '\n') {
			ended = true;
			break;
		}
		if (r->line_len >= EHC_JSONL_LINE_MAX)
			return ehc_error_set(err, EHC_DATAERR,
			    "line %lu: line is longer than %d bytes",
			    r->line_number, EHC_JSONL_LINE_MAX);
		p = ehc_array_grow(r->line, &r->line_cap, r->line_len + 1, 1);
		if (p == NULL)
			return out_of_memory(err);
		r->line = p;
		r->line[r->line_len++] = (char)c;
	}
	if (ferror(r->in))
		return ehc_error_set(err, EHC_IOERR,
		    "line %lu: read failed: %s", r->line_number,
		    strerror(errno));
	if (!ended && r->line_len == 0)
		return EHC_NOINPUT;
	return EHC_OK;
}

/*
 * Drops a byte order mark from the first line and rejects UTF-16, then
 * rejects bytes that are not UTF-8, naming the first by its 1-based offset.
 */
static int
check_line(struct ehc_jsonl *r, struct ehc_error *err)
{
	const unsigned char *p = (const unsigned char *)r->line;
	size_t bad;

	if (r->line_number == 1 && r->line_len >= 2 &&
	    ((p[0] == 0xff && p[1] == 0xfe) || (p[0] == 0xfe && p[1] == 0xff)))
		return ehc_error_set(err, EHC_DATAERR,
		    "line 1: the file is UTF-16; save it as UTF-8");
	if (r->line_number == 1 && r->line_len >= BOM_LEN &&
	    memcmp(p, BOM, BOM_LEN) == 0) {
		r->line_len -= BOM_LEN;
		memmove(r->line, r->line + BOM_LEN, r->line_len);
		r->line_offset = BOM_LEN;
	}

	bad = ehc_text_utf8_invalid(r->line, r->line_len);
	if (bad < r->line_len)
		return ehc_error_set(err, EHC_DATAERR,
		    "line %lu: byte %zu (0x%02x) is not valid UTF-8; save the "
		    "file as UTF-8", r->line_number, bad + r->line_offset + 1,
		    (unsigned char)r->line[bad]);
	return EHC_OK;
}

/* Returns the byte at the parser's position, or EOF at the line end. */
static int
peek(const struct ehc_jsonl *r)
{
	if (r->pos >= r->line_len)
		return EOF;
	return (unsigned char)r->line[r->pos];
}

/* Skips JSON whitespace, which includes a CR left by a CRLF line end. */
static void
skip_space(struct ehc_jsonl *r)
{
	int c;

	while ((c = peek(r)) == ' ' || c == '\t' || c == '\r' || c == '\n')
		r->pos++;
}

static int
add_text(struct ehc_jsonl *r, const char *s, size_t len,
    struct ehc_error *err)
{
	char *p;

	p = ehc_array_grow(r->text, &r->text_cap, r->text_len + len, 1);
	if (p == NULL)
		return out_of_memory(err);
	r->text = p;
	memcpy(r->text + r->text_len, s, len);
	r->text_len += len;
	return EHC_OK;
}

static int
add_utf8(struct ehc_jsonl *r, unsigned long cp, struct ehc_error *err)
{
	char b[4];

	if (cp < 0x80) {
		b[0] = (char)cp;
		return add_text(r, b, 1, err);
	}
	if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		return add_text(r, b, 2, err);
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		return add_text(r, b, 3, err);
	}
	b[0] = (char)(0xf0 | cp >> 18);
	b[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	b[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	b[3] = (char)(0x80 | (cp & 0x3f));
	return add_text(r, b, 4, err);
}

/* Returns the four hex digits at pos as a number, or -1 if they are not. */
static long
read_hex4(const struct ehc_jsonl *r, size_t pos)
{
	long value = 0;

	if (pos > r->line_len || r->line_len - pos < 4)
		return -1;
	for (size_t i = pos; i < pos + 4; i++) {
		char c = r->line[i];

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
 * Decodes the \uXXXX escape at the parser's position. A UTF-16 surrogate
 * must come as a high one followed at once by a low one.
 */
static int
parse_unicode(struct ehc_jsonl *r, struct ehc_error *err)
{
	size_t at = r->pos;
	long high, low;
	unsigned long cp;

	if ((high = read_hex4(r, at + 2)) < 0)
		return syntax_error(r, at, err,
		    "invalid \\u escape; expected four hex digits");
	r->pos = at + 6;
	if (high >= 0xdc00 && high <= 0xdfff)
		return syntax_error(r, at, err, "lone surrogate \\u%04lx; "
		    "a low surrogate must follow a high one", high);

	cp = (unsigned long)high;
	if (high >= 0xd800 && high <= 0xdbff) {
		low = -1;
		if (peek(r) == '\\' && r->pos + 1 < r->line_len &&
		    r->line[r->pos + 1] == 'u')
			low = read_hex4(r, r->pos + 2);
		if (low < 0xdc00 || low > 0xdfff)
			return syntax_error(r, at, err, "lone surrogate "
			    "\\u%04lx; a high surrogate must be followed by a "
			    "low one", high);
		cp = 0x10000 + ((unsigned long)(high - 0xd800) << 10) +
		    (unsigned long)(low - 0xdc00);
		r->pos += 6;
	}

	/* Values are C strings, where a NUL would cut the value short. */
	if (cp == 0)
		return syntax_error(r, at, err,
		    "\\u0000 is not allowed in a string");
	return add_utf8(r, cp, err);
}

/* Decodes the escape at the parser's position, which is a backslash. */
static int
parse_escape(struct ehc_jsonl *r, struct ehc_error *err)
{
	static const char names[] = "\"\\/bfnrt";
	static const char bytes[] = "\"\\/\b\f\n\r\t";
	const char *name;
	int c;

	r->pos++;
	c = peek(r);
	if (c == EOF)
		return syntax_error(r, r->pos - 1, err,
		    "unterminated string");
	if (c == 'u') {
		r->pos--;
		return parse_unicode(r, err);
	}
	if (c == '\0' || (name = strchr(names, c)) == NULL) {
		if (c > 0x20 && c < 0x7f)
			return syntax_error(r, r->pos - 1, err,
			    "invalid escape '\\%c'", c);
		return syntax_error(r, r->pos - 1, err,
		    "invalid escape: '\\' before byte 0x%02x", c);
	}
	r->pos++;
	return add_text(r, &bytes[name - names], 1, err);
}

/*
 * Decodes the string at the parser's position, which is a quote, into text,
 * NUL-terminated, and sets *start to its offset there.
 */
static int
parse_string(struct ehc_jsonl *r, size_t *start, struct ehc_error *err)
{
	size_t open = r->pos++;
	int c, status;

	*start = r->text_len;
	while ((c = peek(r)) != '"') {
		if (c == EOF)
			return syntax_error(r, open, err,
			    "unterminated string");
		if (c < 0x20)
			return syntax_error(r, r->pos, err, "unescaped "
			    "control character 0x%02x in a string; write it "
			    "as \\u%04x", c, c);
		if (c == '\\') {
			status = parse_escape(r, err);
		} else {
			status = add_text(r, r->line + r->pos, 1, err);
			r->pos++;
		}
		if (status != EHC_OK)
			return status;
	}
	r->pos++;
	return add_text(r, "", 1, err);
}

/*
 * Reads the number at the parser's position, which starts with '-' or a
 * digit, and keeps it as text. Only integers are accepted, because no import
 * column takes a fraction, and "1e3" kept as text is not a decimal value.
 */
static int
parse_number(struct ehc_jsonl *r, size_t key, size_t *start,
    struct ehc_error *err)
{
	const char *s = r->line;
	size_t begin = r->pos, digits, end, token;
	char key_buf[SHOWN_MAX * 2], number_buf[SHOWN_MAX * 2];
	int status;

	digits = begin + (s[begin] == '-');
	for (end = digits; end < r->line_len; end++)
		if (s[end] < '0' || s[end] > '9')
			break;
	for (token = end; token < r->line_len; token++)
		if (s[token] == '\0' || strchr("0123456789+-.eE",
		    s[token]) == NULL)
			break;
	show(s + begin, token - begin, number_buf, sizeof(number_buf));
	show_key(r, key, key_buf, sizeof(key_buf));

	if (end == digits)
		return syntax_error(r, begin, err, "key '%s': invalid number "
		    "'%s'", key_buf, number_buf);
	if (s[digits] == '0' && end - digits > 1)
		return syntax_error(r, begin, err, "key '%s': invalid number "
		    "'%s'; JSON does not allow leading zeros", key_buf,
		    number_buf);
	if (end < r->line_len && (s[end] == '.' || s[end] == 'e' ||
	    s[end] == 'E'))
		return syntax_error(r, begin, err, "key '%s': %s is not an "
		    "integer; only whole numbers are accepted", key_buf,
		    number_buf);

	*start = r->text_len;
	r->pos = end;
	if ((status = add_text(r, s + begin, end - begin, err)) != EHC_OK)
		return status;
	return add_text(r, "", 1, err);
}

/* Returns whether word is at the parser's position, and skips it if so. */
static bool
skip_word(struct ehc_jsonl *r, const char *word)
{
	size_t len = strlen(word);

	if (r->line_len - r->pos < len ||
	    memcmp(r->line + r->pos, word, len) != 0)
		return false;
	r->pos += len;
	return true;
}

/*
 * Reads the value of the member whose key is at offset key of text, and
 * sets *start to the offset of its text or to NULL_VALUE for null.
 */
static int
parse_value(struct ehc_jsonl *r, size_t key, size_t *start,
    struct ehc_error *err)
{
	char key_buf[SHOWN_MAX * 2];
	int c = peek(r);

	if (c == '"')
		return parse_string(r, start, err);
	if (c == '-' || (c >= '0' && c <= '9'))
		return parse_number(r, key, start, err);
	if (skip_word(r, "null")) {
		*start = NULL_VALUE;
		return EHC_OK;
	}
	*start = r->text_len;
	if (skip_word(r, "true"))
		return add_text(r, "true", 5, err);
	if (skip_word(r, "false"))
		return add_text(r, "false", 6, err);

	show_key(r, key, key_buf, sizeof(key_buf));
	if (c == '{' || c == '[')
		return syntax_error(r, r->pos, err, "key '%s': nested objects "
		    "and arrays are not supported", key_buf);
	return syntax_error(r, r->pos, err, "key '%s': invalid value; "
	    "expected a string, an integer, true, false or null", key_buf);
}

static int
add_member(struct ehc_jsonl *r, size_t key, size_t value, bool string,
    struct ehc_error *err)
{
	size_t cap = r->starts_cap;
	size_t *keys, *values;
	bool *strings;

	keys = ehc_array_grow(r->key_starts, &cap, r->count + 1, sizeof(*keys));
	if (keys == NULL)
		return out_of_memory(err);
	r->key_starts = keys;
	cap = r->starts_cap;
	values = ehc_array_grow(r->value_starts, &cap, r->count + 1,
	    sizeof(*values));
	if (values == NULL)
		return out_of_memory(err);
	r->value_starts = values;
	cap = r->starts_cap;
	strings = ehc_array_grow(r->value_strings, &cap, r->count + 1,
	    sizeof(*strings));
	if (strings == NULL)
		return out_of_memory(err);
	r->value_strings = strings;
	r->starts_cap = cap;
	r->key_starts[r->count] = key;
	r->value_starts[r->count] = value;
	r->value_strings[r->count] = string;
	r->count++;
	return EHC_OK;
}

/* Reads one "key": value member at the parser's position. */
static int
parse_member(struct ehc_jsonl *r, struct ehc_error *err)
{
	char key_buf[SHOWN_MAX * 2];
	size_t key, value;
	bool string;
	int status;

	skip_space(r);
	if (peek(r) != '"')
		return syntax_error(r, r->pos, err,
		    "expected a key in double quotes");
	if ((status = parse_string(r, &key, err)) != EHC_OK)
		return status;

	skip_space(r);
	if (peek(r) != ':')
		return syntax_error(r, r->pos, err, "expected ':' after key "
		    "'%s'", show_key(r, key, key_buf, sizeof(key_buf)));
	r->pos++;
	skip_space(r);
	string = peek(r) == '"';
	if ((status = parse_value(r, key, &value, err)) != EHC_OK)
		return status;
	return add_member(r, key, value, string, err);
}

/* Rejects anything but whitespace after the object's closing brace. */
static int
check_end(struct ehc_jsonl *r, struct ehc_error *err)
{
	skip_space(r);
	if (r->pos < r->line_len)
		return syntax_error(r, r->pos, err,
		    "unexpected text after the object");
	return EHC_OK;
}

/* Parses the line as one object, leaving its members in key_starts. */
static int
parse_object(struct ehc_jsonl *r, struct ehc_error *err)
{
	char key_buf[SHOWN_MAX * 2];
	size_t last;
	int c, status;

	skip_space(r);
	if (peek(r) != '{')
		return syntax_error(r, r->pos, err,
		    "expected '{'; each line must be one JSON object");
	r->pos++;
	skip_space(r);
	if (peek(r) == '}') {
		r->pos++;
		return check_end(r, err);
	}

	for (;;) {
		if ((status = parse_member(r, err)) != EHC_OK)
			return status;
		skip_space(r);
		if ((c = peek(r)) == '}')
			break;
		if (c != ',') {
			last = r->key_starts[r->count - 1];
			return syntax_error(r, r->pos, err, "expected ',' or "
			    "'}' after the value of '%s'",
			    show_key(r, last, key_buf, sizeof(key_buf)));
		}
		r->pos++;
	}
	r->pos++;
	return check_end(r, err);
}

static int
compare_keys(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Points keys and values at text, now that it no longer moves, and rejects
 * a key that appears twice. Sorting finds one in O(n log n), which matters
 * for a line of a megabyte.
 */
static int
point_members(struct ehc_jsonl *r, struct ehc_error *err)
{
	char key_buf[SHOWN_MAX * 2];
	size_t cap, need = r->count + 1;
	char **p;

	/* One spare pointer, so that an empty object still has arrays. */
	cap = r->pointers_cap;
	if ((p = ehc_array_grow(r->keys, &cap, need, sizeof(*p))) == NULL)
		return out_of_memory(err);
	r->keys = p;
	cap = r->pointers_cap;
	if ((p = ehc_array_grow(r->values, &cap, need, sizeof(*p))) == NULL)
		return out_of_memory(err);
	r->values = p;
	cap = r->pointers_cap;
	p = ehc_array_grow(r->sorted_keys, &cap, need, sizeof(*p));
	if (p == NULL)
		return out_of_memory(err);
	r->sorted_keys = p;
	r->pointers_cap = cap;

	for (size_t i = 0; i < r->count; i++) {
		size_t value = r->value_starts[i];

		r->keys[i] = r->text + r->key_starts[i];
		r->values[i] = value == NULL_VALUE ? NULL : r->text + value;
		r->sorted_keys[i] = r->keys[i];
	}
	if (r->count > 1)
		qsort(r->sorted_keys, r->count, sizeof(*p), compare_keys);
	for (size_t i = 1; i < r->count; i++)
		if (strcmp(r->sorted_keys[i - 1], r->sorted_keys[i]) == 0)
			return ehc_error_set(err, EHC_DATAERR,
			    "line %lu: duplicate key '%s'", r->line_number,
			    show(r->sorted_keys[i], strlen(r->sorted_keys[i]),
			    key_buf, sizeof(key_buf)));
	return EHC_OK;
}

/* Returns whether the line has nothing but JSON whitespace. */
static bool
line_blank(struct ehc_jsonl *r)
{
	r->pos = 0;
	skip_space(r);
	return r->pos == r->line_len;
}

/* Reads lines until one is not blank, and parses it. */
static int
read_object(struct ehc_jsonl *r, struct ehc_error *err)
{
	int status;

	do {
		if ((status = read_line(r, err)) != EHC_OK)
			return status;
		if ((status = check_line(r, err)) != EHC_OK)
			return status;
	} while (line_blank(r));

	r->object_line = r->line_number;
	r->pos = 0;
	r->text_len = 0;
	r->count = 0;
	if ((status = parse_object(r, err)) != EHC_OK)
		return status;
	return point_members(r, err);
}

int
ehc_jsonl_next(struct ehc_jsonl *r, char ***keys, char ***values,
    size_t *count, struct ehc_error *err)
{
	struct ehc_error local;
	int status;

	if (err == NULL)
		err = &local;
	if (r->failure.status != EHC_OK) {
		*err = r->failure;
		return err->status;
	}

	status = read_object(r, err);
	if (status == EHC_NOINPUT)
		return status;
	if (status != EHC_OK) {
		r->object_line = r->line_number;
		r->failure = *err;
		return status;
	}

	*keys = r->keys;
	*values = r->values;
	*count = r->count;
	return EHC_OK;
}
