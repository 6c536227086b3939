/*
 * The configuration file: reading it over the built-in default, checking
 * every value strictly, and writing a configuration back out as YAML.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "ehc/config.h"
#include "ehc/text.h"

/* A timeframe is from 1 day to 104 weeks, which is about two years. */
#define TIMEFRAME_MIN_DAYS	1
#define TIMEFRAME_MAX_DAYS	728

/* A COM lasts about two hours, so these bounds catch hours or seconds. */

/* The five timeframes counted from the request, which must not decrease. */
#define REQUEST_TIMEFRAMES	(EHC_TIMEFRAME_FINAL_PLAN + 1)

/*
 * A configuration is a few kilobytes, so a file this large is the wrong file,
 * and the cap keeps something like /dev/zero from filling memory.
 */
#define FILE_MAX		(1024 * 1024)

/*
 * An acronym is a word or a short phrase. The cap also keeps every term that
 * ehc_config_write prints as a simple key well inside libyaml's limit of
 * 1024 characters for one.
 */
#define TERM_MAX		128

/* Room for a value quoted in a message, cut short past that. */
#define SHOWN_MAX		48

static const char *const timeframe_names[] = {
	[EHC_TIMEFRAME_ASSESS_DECISION] = "assess-decision",
	[EHC_TIMEFRAME_ADVICE_GATHERED] = "advice-gathered",
	[EHC_TIMEFRAME_COM] = "com",
	[EHC_TIMEFRAME_ISSUE_DECISION] = "issue-decision",
	[EHC_TIMEFRAME_FINAL_PLAN] = "final-plan",
	[EHC_TIMEFRAME_ADVICE_RESPONSE] = "advice-response",
	[EHC_TIMEFRAME_DRAFT_COMMENTS] = "draft-comments",
	[EHC_TIMEFRAME_SUPPORT_MEETING] = "support-meeting",
	[EHC_TIMEFRAME_COUNT] = NULL
};

/*
 * Time limits of the Special Educational Needs and Disability Regulations
 * 2014, in calendar weeks and days. The 12 and 14 weeks for advice and the
 * COM are the practice of the local authority whose process ehc follows.
 * The SEN support meeting after a decision not to issue a plan has no
 * statutory limit, so it stays unset until a file sets it.
 */
static const struct ehc_duration default_timeframes[EHC_TIMEFRAME_COUNT] = {
	[EHC_TIMEFRAME_ASSESS_DECISION] = { 6, 'w' },	/* reg 5(1) */
	[EHC_TIMEFRAME_ADVICE_GATHERED] = { 12, 'w' },
	[EHC_TIMEFRAME_COM] = { 14, 'w' },
	[EHC_TIMEFRAME_ISSUE_DECISION] = { 16, 'w' },	/* reg 10(1) */
	[EHC_TIMEFRAME_FINAL_PLAN] = { 20, 'w' },	/* reg 13(2) */
	[EHC_TIMEFRAME_ADVICE_RESPONSE] = { 6, 'w' },	/* reg 8(1) */
	[EHC_TIMEFRAME_DRAFT_COMMENTS] = { 15, 'd' },	/* reg 13(1) */
};

#define DEFAULT_COM_MINUTES	120

static const struct ehc_acronym default_acronyms[] = {
	{ "ARO", "Assessment and Reviewing Officer: the local authority "
	    "officer who runs a case, books and minutes its meetings and "
	    "watches its deadlines" },
	{ "CAMHS", "Child and Adolescent Mental Health Services, the NHS "
	    "mental health service for children and young people" },
	{ "COM", "Collaborative Outcomes Meeting: a meeting of about two hours "
	    "where the family, the setting and professionals agree outcomes "
	    "and provision" },
	{ "COP", "Code of Practice: the SEND Code of Practice (2015), the "
	    "statutory guidance for the 0 to 25 system" },
	{ "CYP", "child or young person, from birth to age 25" },
	{ "DfE", "Department for Education, which collects the SEN2 return and "
	    "publishes the national figures" },
	{ "EHC", "Education, Health and Care" },
	{ "EHC plan", "Education, Health and Care plan: the legal document "
	    "that sets out a child's needs, the outcomes sought and the "
	    "provision to reach them" },
	{ "EHCNA", "Education, Health and Care needs assessment, which finds "
	    "out whether a child needs an EHC plan" },
	{ "EP", "Educational Psychologist, who assesses the child and chairs "
	    "the COM" },
	{ "HI", "hearing impairment" },
	{ "LA", "local authority: the council that assesses and writes the "
	    "plan" },
	{ "OT", "occupational therapy, or an occupational therapist" },
	{ "SALT", "speech and language therapy, or a speech and language "
	    "therapist" },
	{ "SEMH", "social, emotional and mental health, one of the four broad "
	    "areas of need" },
	{ "SEN", "special educational needs" },
	{ "SEN support", "help that a school or setting gives from its own "
	    "resources, without an EHC plan" },
	{ "SEN2", "the yearly return in which each local authority reports "
	    "its EHC requests, assessments and plans to the DfE" },
	{ "SEND", "special educational needs and disabilities" },
	{ "SENCO", "special educational needs coordinator: the member of "
	    "staff who organises SEN support in a school and speaks for it at "
	    "the COM" },
	{ "SENDCO", "special educational needs and disabilities coordinator, "
	    "another name for a SENCO" },
	{ "SENDIST", "the First-tier Tribunal (Special Educational Needs and "
	    "Disability), which hears appeals against LA decisions" },
	{ "VI", "visual impairment" },
};

/*
 * A place in the file, counted from 1. Columns count characters, not bytes,
 * as libyaml's marks do.
 */
struct position {
	size_t line;
	size_t column;
};

struct loader;

/* Reads the value of one key of a mapping, given the key and its place. */
typedef int entry_fn(struct loader *, const char *, struct position);

/* The top-level keys: timeframes, com and acronyms. */
#define SECTION_COUNT		4

/*
 * The state of one ehc_config_load. Everything is parsed into config, a
 * copy, so that a failure leaves the caller's configuration alone. The
 * *_lines arrays hold the line where this file set each key, or 0, and
 * timeframe_values the place of each timeframe's value, for the order check.
 */
struct loader {
	const char *path;
	struct ehc_error *err;
	char *text;
	size_t len;

	yaml_parser_t parser;
	bool parser_ready;
	yaml_event_t event;
	bool have_event;

	struct ehc_config *config;
	char where[48];		/* " in 'timeframes'" or " at the top level" */
	size_t section_lines[SECTION_COUNT];
	size_t timeframe_lines[EHC_TIMEFRAME_COUNT];
	struct position timeframe_values[EHC_TIMEFRAME_COUNT];
	size_t minutes_line;
	size_t journal_line;
	size_t *acronym_lines;	/* parallel to config->acronyms */
};

static int	timeframe_entry(struct loader *, const char *, struct position);
static int	com_entry(struct loader *, const char *, struct position);
static int	acronym_entry(struct loader *, const char *, struct position);
static int	database_entry(struct loader *, const char *, struct position);

static const char *const section_names[SECTION_COUNT + 1] = {
	"timeframes", "com", "acronyms", "database", NULL
};

static entry_fn *const section_entries[SECTION_COUNT] = {
	timeframe_entry, com_entry, acronym_entry, database_entry
};

static const char *const com_names[] = { "minutes", NULL };
static const char *const database_names[] = { "journal", NULL };

static const char *const journal_names[EHC_JOURNAL_COUNT + 1] = {
	[EHC_JOURNAL_WAL] = "wal",
	[EHC_JOURNAL_DELETE] = "delete",
	[EHC_JOURNAL_TRUNCATE] = "truncate",
	[EHC_JOURNAL_PERSIST] = "persist",
};

const char *
ehc_journal_name(enum ehc_journal journal)
{
	return journal_names[journal];
}

const char *
ehc_timeframe_name(enum ehc_timeframe timeframe)
{
	if ((unsigned)timeframe >= EHC_TIMEFRAME_COUNT)
		return NULL;
	return timeframe_names[timeframe];
}

/*
 * Compares ignoring ASCII case only, so that the order and the matches do
 * not depend on the locale.
 */
static int
ascii_casecmp(const char *a, const char *b)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (;; p++, q++) {
		int x = *p >= 'A' && *p <= 'Z' ? *p + 32 : *p;
		int y = *q >= 'A' && *q <= 'Z' ? *q + 32 : *q;

		if (x != y || x == '\0')
			return x - y;
	}
}

/* Returns the length of a duration in days, or 0 when it is not set. */
static long
duration_days(struct ehc_duration duration)
{
	if (duration.unit == 'w')
		return duration.count * 7L;
	if (duration.unit == 'd')
		return duration.count;
	return 0;
}

/*
 * Copies s into buf to quote in a one-line message: control characters
 * become '?', and a long value is cut at a character boundary with "...".
 */
static const char *
shown(const char *s, char *buf, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = 0;

	while (*p != '\0') {
		/* Stop early enough for a whole UTF-8 sequence and "...". */
		if (n + 8 >= size && (*p & 0xc0) != 0x80) {
			memcpy(buf + n, "...", 4);
			return buf;
		}
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			buf[n++] = '?';
			p += 2;
			continue;
		}
		buf[n++] = *p < 0x20 || *p == 0x7f ? '?' : (char)*p;
		p++;
	}
	buf[n] = '\0';
	return buf;
}

/* Acronyms: a sorted array, searched and changed in place. */

/*
 * Finds term ignoring case. Returns whether it is there, and sets *slot to
 * its index or else to the index where it would go.
 */
static bool
acronym_find(const struct ehc_config *config, const char *term, size_t *slot)
{
	size_t lo = 0, hi = config->acronym_count;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int cmp = ascii_casecmp(term, config->acronyms[mid].term);

		if (cmp == 0) {
			*slot = mid;
			return true;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	*slot = lo;
	return false;
}

static int
acronym_insert(struct ehc_config *config, size_t slot, const char *term,
    const char *meaning)
{
	struct ehc_acronym *grown;
	char *term_copy, *meaning_copy;

	grown = realloc(config->acronyms,
	    (config->acronym_count + 1) * sizeof(*grown));
	if (grown == NULL)
		return EHC_SOFTWARE;
	config->acronyms = grown;

	term_copy = strdup(term);
	meaning_copy = strdup(meaning);
	if (term_copy == NULL || meaning_copy == NULL) {
		free(term_copy);
		free(meaning_copy);
		return EHC_SOFTWARE;
	}
	memmove(grown + slot + 1, grown + slot,
	    (config->acronym_count - slot) * sizeof(*grown));
	grown[slot].term = term_copy;
	grown[slot].meaning = meaning_copy;
	config->acronym_count++;
	return EHC_OK;
}

/* Replaces the entry at slot, including the spelling of its term. */
static int
acronym_replace(struct ehc_config *config, size_t slot, const char *term,
    const char *meaning)
{
	struct ehc_acronym *acronym = &config->acronyms[slot];
	char *term_copy = strdup(term);
	char *meaning_copy = strdup(meaning);

	if (term_copy == NULL || meaning_copy == NULL) {
		free(term_copy);
		free(meaning_copy);
		return EHC_SOFTWARE;
	}
	free(acronym->term);
	free(acronym->meaning);
	acronym->term = term_copy;
	acronym->meaning = meaning_copy;
	return EHC_OK;
}

/* Creating, copying and freeing whole configurations. */

static void
config_clear(struct ehc_config *config)
{
	for (size_t i = 0; i < config->acronym_count; i++) {
		free(config->acronyms[i].term);
		free(config->acronyms[i].meaning);
	}
	free(config->acronyms);
	free(config->source);
	memset(config, 0, sizeof(*config));
}

void
ehc_config_destroy(struct ehc_config *config)
{
	if (config == NULL)
		return;
	config_clear(config);
	free(config);
}

struct ehc_config *
ehc_config_create(void)
{
	size_t count = sizeof(default_acronyms) / sizeof(default_acronyms[0]);
	struct ehc_config *config;

	config = calloc(1, sizeof(*config));
	if (config == NULL)
		return NULL;
	memcpy(config->timeframes, default_timeframes,
	    sizeof(config->timeframes));
	config->com_minutes = DEFAULT_COM_MINUTES;

	for (size_t i = 0; i < count; i++) {
		const struct ehc_acronym *a = &default_acronyms[i];
		size_t slot;
		int rc;

		if (acronym_find(config, a->term, &slot))
			rc = acronym_replace(config, slot, a->term, a->meaning);
		else
			rc = acronym_insert(config, slot, a->term, a->meaning);
		if (rc != EHC_OK) {
			ehc_config_destroy(config);
			return NULL;
		}
	}
	return config;
}

/* Returns a deep copy of config, or NULL when memory runs out. */
static struct ehc_config *
config_copy(const struct ehc_config *config)
{
	struct ehc_config *copy;

	copy = calloc(1, sizeof(*copy));
	if (copy == NULL)
		return NULL;
	memcpy(copy->timeframes, config->timeframes, sizeof(copy->timeframes));
	copy->com_minutes = config->com_minutes;
	copy->journal = config->journal;
	if (config->source != NULL &&
	    (copy->source = strdup(config->source)) == NULL)
		goto fail;

	for (size_t i = 0; i < config->acronym_count; i++) {
		const struct ehc_acronym *a = &config->acronyms[i];

		/* The source is sorted, so each entry goes on the end. */
		if (acronym_insert(copy, i, a->term, a->meaning) != EHC_OK)
			goto fail;
	}
	return copy;

fail:
	ehc_config_destroy(copy);
	return NULL;
}

const struct ehc_acronym *
ehc_config_acronym(const struct ehc_config *config, const char *term)
{
	size_t slot;

	if (!acronym_find(config, term, &slot))
		return NULL;
	return &config->acronyms[slot];
}

/* Positions and error messages. */

static int	fail(struct loader *, struct position, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/* Fills the error as "PATH:LINE:COLUMN: what is wrong" and returns it. */
static int
fail(struct loader *loader, struct position pos, const char *fmt, ...)
{
	char what[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return ehc_error_set(loader->err, EHC_CONFIG, "%s:%zu:%zu: %s",
	    loader->path, pos.line, pos.column, what);
}

static int
fail_memory(struct loader *loader)
{
	return ehc_error_set(loader->err, EHC_SOFTWARE, "%s: out of memory",
	    loader->path);
}

static struct position
mark_position(yaml_mark_t mark)
{
	struct position pos = { mark.line + 1, mark.column + 1 };

	return pos;
}

static size_t
bom_length(const char *text, size_t len)
{
	if (len >= 3 && memcmp(text, "\xef\xbb\xbf", 3) == 0)
		return 3;
	return 0;
}

/*
 * Returns the length of the line break at p, or 0. Like libyaml, this counts
 * CR LF, CR, LF, NEL, LS and PS as breaks, so that line numbers agree.
 */
static size_t
break_length(const char *p, const char *end)
{
	size_t left = (size_t)(end - p);

	if (left >= 2 && p[0] == '\r' && p[1] == '\n')
		return 2;
	if (left >= 1 && (p[0] == '\r' || p[0] == '\n'))
		return 1;
	if (left >= 2 && memcmp(p, "\xc2\x85", 2) == 0)
		return 2;
	if (left >= 3 && (memcmp(p, "\xe2\x80\xa8", 3) == 0 ||
	    memcmp(p, "\xe2\x80\xa9", 3) == 0))
		return 3;
	return 0;
}

/* Returns where the byte at offset lies, as libyaml would mark it. */
static struct position
offset_position(const struct loader *loader, size_t offset)
{
	struct position pos = { 1, 1 };
	const char *end = loader->text + loader->len;
	size_t i = bom_length(loader->text, loader->len);

	while (i < offset && i < loader->len) {
		size_t n = break_length(loader->text + i, end);

		if (n > 0) {
			pos.line++;
			pos.column = 1;
			i += n;
			continue;
		}
		if (((unsigned char)loader->text[i] & 0xc0) != 0x80)
			pos.column++;
		i++;
	}
	return pos;
}

static int
fail_reader(struct loader *loader)
{
	const yaml_parser_t *p = &loader->parser;
	struct position pos = offset_position(loader, p->problem_offset);

	/*
	 * The UTF-8 check has run, so what libyaml's reader still rejects is
	 * a character it does not allow, and problem_value is its code point.
	 */
	if (p->problem_value >= 0)
		return fail(loader, pos, "invalid YAML: %s (U+%04X)",
		    p->problem, (unsigned)p->problem_value);
	return fail(loader, pos, "invalid YAML: %s", p->problem);
}

/* Reports the error libyaml's parser stopped on, at the mark it gives. */
static int
fail_parser(struct loader *loader)
{
	const yaml_parser_t *p = &loader->parser;
	struct position pos = mark_position(p->problem_mark);
	const char *problem = p->problem != NULL ? p->problem : "syntax error";

	if (p->error == YAML_MEMORY_ERROR)
		return fail_memory(loader);
	if (p->error == YAML_READER_ERROR)
		return fail_reader(loader);

	/* The context helps when it points at another line. */
	if (p->context != NULL && p->context_mark.line != p->problem_mark.line)
		return fail(loader, pos, "invalid YAML: %s (%s at line %zu)",
		    problem, p->context, p->context_mark.line + 1);
	return fail(loader, pos, "invalid YAML: %s", problem);
}

/* Checks of the raw text, before libyaml parses it. */

/*
 * Rejects bytes that are not UTF-8 with their line and column. libyaml
 * finds them too but gives only a byte offset.
 */
static int
check_utf8(struct loader *loader)
{
	size_t bad = ehc_text_utf8_invalid(loader->text, loader->len);

	if (bad == loader->len)
		return EHC_OK;
	return fail(loader, offset_position(loader, bad),
	    "invalid UTF-8 (byte 0x%02x); save the file as UTF-8",
	    (unsigned char)loader->text[bad]);
}

static const char *
line_end(const char *p, const char *end)
{
	while (p < end && break_length(p, end) == 0)
		p++;
	return p;
}

/*
 * Returns whether the line [p, eol) ends with a block scalar header such as
 * "key: |" or "- >-2", ignoring a trailing comment. A '#' inside a quoted
 * value can fool it, which only skips the tab check on the lines after.
 */
static bool
opens_block_scalar(const char *p, const char *eol)
{
	const char *end = p;

	while (end < eol && !(*end == '#' && end > p &&
	    (end[-1] == ' ' || end[-1] == '\t')))
		end++;
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	while (end > p && strchr("+-0123456789", end[-1]) != NULL)
		end--;
	if (end == p || (end[-1] != '|' && end[-1] != '>'))
		return false;
	end--;
	return end == p || end[-1] == ' ' || end[-1] == '\t';
}

/*
 * Rejects a tab in the indentation of a line, which YAML forbids and
 * libyaml reports only as a character that cannot start a token. Lines
 * inside a block scalar may contain tabs, so they are skipped.
 */
static int
check_tabs(struct loader *loader)
{
	const char *end = loader->text + loader->len;
	const char *p = loader->text + bom_length(loader->text, loader->len);
	size_t line = 1;
	long block = -1;	/* indentation of a block scalar's key */

	for (; p < end; line++) {
		const char *eol = line_end(p, end);
		size_t indent = 0;
		const char *q;

		while (p + indent < eol && p[indent] == ' ')
			indent++;
		for (q = p + indent; q < eol && (*q == ' ' || *q == '\t'); q++)
			;
		if (block < 0 || (q < eol && (long)indent <= block)) {
			struct position pos = { line, indent + 1 };

			block = -1;
			if (p + indent < eol && p[indent] == '\t')
				return fail(loader, pos, "tab character used "
				    "for indentation; indent with spaces");
			if (opens_block_scalar(p + indent, eol))
				block = (long)indent;
		}
		p = eol + break_length(eol, end);
	}
	return EHC_OK;
}

/* Events: pulling them, and describing them in messages. */

/*
 * Rejects anchors, aliases and tags. Anchors and aliases would let one node
 * stand for another, and tags would ask for the type resolution that ehc
 * does not do: every value is text.
 */
static int
check_properties(struct loader *loader)
{
	const yaml_event_t *event = &loader->event;
	struct position pos = mark_position(event->start_mark);
	const yaml_char_t *anchor = NULL, *tag = NULL;
	char buf[SHOWN_MAX];

	if (event->type == YAML_ALIAS_EVENT)
		return fail(loader, pos, "alias '*%s' is not supported; "
		    "write the value out in full", shown((const char *)
		    event->data.alias.anchor, buf, sizeof(buf)));
	if (event->type == YAML_SCALAR_EVENT) {
		anchor = event->data.scalar.anchor;
		tag = event->data.scalar.tag;
	} else if (event->type == YAML_SEQUENCE_START_EVENT) {
		anchor = event->data.sequence_start.anchor;
		tag = event->data.sequence_start.tag;
	} else if (event->type == YAML_MAPPING_START_EVENT) {
		anchor = event->data.mapping_start.anchor;
		tag = event->data.mapping_start.tag;
	}

	if (anchor != NULL)
		return fail(loader, pos, "anchor '&%s' is not supported; "
		    "remove it", shown((const char *)anchor, buf, sizeof(buf)));
	if (tag != NULL)
		return fail(loader, pos, "tag '%s' is not supported; remove "
		    "it, as every value is read as text",
		    shown((const char *)tag, buf, sizeof(buf)));
	return EHC_OK;
}

static int
next_event(struct loader *loader)
{
	if (loader->have_event) {
		yaml_event_delete(&loader->event);
		loader->have_event = false;
	}
	if (!yaml_parser_parse(&loader->parser, &loader->event))
		return fail_parser(loader);
	loader->have_event = true;
	return check_properties(loader);
}

static const char *
event_scalar(const struct loader *loader)
{
	return (const char *)loader->event.data.scalar.value;
}

/* Returns whether the event is an empty plain scalar, as after "key:". */
static bool
event_is_nothing(const struct loader *loader)
{
	const yaml_event_t *event = &loader->event;

	return event->type == YAML_SCALAR_EVENT &&
	    event->data.scalar.length == 0 &&
	    event->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
}

/* Writes what the event is into buf, such as "a sequence", for messages. */
static const char *
describe_event(const struct loader *loader, char *buf, size_t size)
{
	char value[SHOWN_MAX];

	switch (loader->event.type) {
	case YAML_SEQUENCE_START_EVENT:
		return "a sequence";
	case YAML_MAPPING_START_EVENT:
		return "a mapping";
	case YAML_SCALAR_EVENT:
		snprintf(buf, size, "the scalar '%s'",
		    shown(event_scalar(loader), value, sizeof(value)));
		return buf;
	default:
		return "something else";
	}
}

/* Keys and mappings. */

static void
append_names(char *buf, size_t size, const char *const *names)
{
	size_t used = strlen(buf);

	for (size_t i = 0; names[i] != NULL && used < size; i++) {
		const char *sep = ", ";

		if (i == 0)
			sep = "";
		else if (names[i + 1] == NULL)
			sep = " or ";
		snprintf(buf + used, size - used, "%s'%s'", sep, names[i]);
		used = strlen(buf);
	}
}

static int
fail_unknown(struct loader *loader, const char *key, struct position pos,
    const char *const *names)
{
	const char *nearest = ehc_text_nearest(key, names);
	char hint[256], buf[SHOWN_MAX];

	if (nearest != NULL) {
		snprintf(hint, sizeof(hint), "did you mean '%s'?", nearest);
	} else {
		snprintf(hint, sizeof(hint), "expected ");
		append_names(hint, sizeof(hint), names);
	}
	return fail(loader, pos, "unknown key '%s'%s; %s",
	    shown(key, buf, sizeof(buf)), loader->where, hint);
}

/*
 * Finds key among names, which are matched exactly, and returns its index
 * through *found. Rejects an unknown key and one this file already set.
 */
static int
match_key(struct loader *loader, const char *key, struct position pos,
    const char *const *names, size_t *lines, size_t *found)
{
	for (size_t i = 0; names[i] != NULL; i++) {
		if (strcmp(key, names[i]) != 0)
			continue;
		if (lines[i] != 0)
			return fail(loader, pos, "duplicate key '%s'%s "
			    "(first at line %zu)", key, loader->where,
			    lines[i]);
		lines[i] = pos.line;
		*found = i;
		return EHC_OK;
	}
	return fail_unknown(loader, key, pos, names);
}

/* Checks the key event and returns a copy of it that the caller frees. */
static int
read_key(struct loader *loader, char **key, struct position *pos)
{
	const yaml_event_t *event = &loader->event;
	char buf[SHOWN_MAX + 16];

	*pos = mark_position(event->start_mark);
	if (event->type != YAML_SCALAR_EVENT)
		return fail(loader, *pos, "expected a key%s, found %s",
		    loader->where, describe_event(loader, buf, sizeof(buf)));
	if (event->data.scalar.length == 0)
		return fail(loader, *pos, "empty key%s", loader->where);
	if (strlen(event_scalar(loader)) != event->data.scalar.length)
		return fail(loader, *pos, "key%s contains a NUL character",
		    loader->where);
	if ((*key = strdup(event_scalar(loader))) == NULL)
		return fail_memory(loader);
	return EHC_OK;
}

/*
 * Reads the entries of the mapping that has just started, calling entry
 * once for each.
 */
static int
load_mapping(struct loader *loader, entry_fn *entry)
{
	for (;;) {
		struct position pos;
		char *key;
		int rc;

		if ((rc = next_event(loader)) != EHC_OK)
			return rc;
		if (loader->event.type == YAML_MAPPING_END_EVENT)
			return EHC_OK;
		if ((rc = read_key(loader, &key, &pos)) != EHC_OK)
			return rc;
		rc = entry(loader, key, pos);
		free(key);
		if (rc != EHC_OK)
			return rc;
	}
}

/*
 * Reads the value of key, which must be a scalar. The message for anything
 * else names what was expected. *value lasts until the next event.
 */
static int
read_value(struct loader *loader, const char *what, const char *key,
    const char **value, struct position *pos)
{
	char buf[SHOWN_MAX + 16], name[SHOWN_MAX];
	int rc;

	if ((rc = next_event(loader)) != EHC_OK)
		return rc;
	*pos = mark_position(loader->event.start_mark);
	shown(key, name, sizeof(name));
	if (loader->event.type != YAML_SCALAR_EVENT)
		return fail(loader, *pos, "expected %s for '%s'%s, found %s",
		    what, name, loader->where,
		    describe_event(loader, buf, sizeof(buf)));
	*value = event_scalar(loader);
	if (strlen(*value) != loader->event.data.scalar.length)
		return fail(loader, *pos, "value of '%s'%s contains a NUL "
		    "character", name, loader->where);
	return EHC_OK;
}

/* Durations and numbers. */

/*
 * Parses a duration: a decimal whole number without leading zeros and a
 * unit, w for weeks or d for days. Anything else is rejected, never read
 * some other way, because a wrong timeframe would move every deadline.
 */
static int
parse_duration(struct loader *loader, const char *key, const char *s,
    struct position pos, struct ehc_duration *out)
{
	const char *range = "a timeframe is from 1d to 104w (728 days)";
	const char *p = s;
	char buf[SHOWN_MAX];
	long count = 0;
	struct ehc_duration duration;

	if (*s == '\0')
		return fail(loader, pos, "missing duration for '%s'; write a "
		    "number of weeks or days, such as 6w or 15d", key);
	shown(s, buf, sizeof(buf));
	if (*s == '+' || *s == '-')
		return fail(loader, pos, "invalid duration '%s': signs are not "
		    "allowed", buf);
	if (strpbrk(s, " \t") != NULL)
		return fail(loader, pos, "invalid duration '%s': spaces are "
		    "not allowed inside a duration", buf);
	if (*s < '0' || *s > '9')
		return fail(loader, pos, "invalid duration '%s': expected a "
		    "whole number and w for weeks or d for days, such as 6w",
		    buf);
	for (; *p >= '0' && *p <= '9'; p++)
		if (count <= TIMEFRAME_MAX_DAYS)
			count = count * 10 + (*p - '0');

	if (*p == '\0')
		return fail(loader, pos, "invalid duration '%s': the unit is "
		    "missing; add w for weeks or d for days", buf);
	if (*p == '.' || *p == ',')
		return fail(loader, pos, "invalid duration '%s': only whole "
		    "numbers are allowed; give the time in days, such as "
		    "10d", buf);
	if ((*p != 'w' && *p != 'd') || p[1] != '\0')
		return fail(loader, pos, "invalid duration '%s': unknown "
		    "unit; use w for weeks or d for days", buf);

	duration.count = (int)count;
	duration.unit = *p;
	if (duration_days(duration) < TIMEFRAME_MIN_DAYS ||
	    duration_days(duration) > TIMEFRAME_MAX_DAYS)
		return fail(loader, pos, "invalid duration '%s': out of "
		    "range; %s", buf, range);
	if (*s == '0')
		return fail(loader, pos, "invalid duration '%s': leading "
		    "zeros are not allowed; write %d%c", buf, duration.count,
		    duration.unit);
	*out = duration;
	return EHC_OK;
}

/* Parses the length of a COM: whole minutes, no sign, no leading zeros. */
static int
parse_minutes(struct loader *loader, const char *s, struct position pos,
    int *out)
{
	char buf[SHOWN_MAX];
	long minutes = 0;
	const char *p;

	if (*s == '\0')
		return fail(loader, pos, "missing value for 'minutes'; write "
		    "the length of a COM in minutes, such as 120");
	shown(s, buf, sizeof(buf));
	for (p = s; *p >= '0' && *p <= '9'; p++)
		if (minutes <= EHC_COM_MINUTES_MAX)
			minutes = minutes * 10 + (*p - '0');
	if (*p != '\0')
		return fail(loader, pos, "invalid minutes '%s': expected a "
		    "whole number of minutes, such as 120", buf);

	if (minutes < EHC_COM_MINUTES_MIN || minutes > EHC_COM_MINUTES_MAX)
		return fail(loader, pos, "invalid minutes '%s': out of range; "
		    "a COM lasts from %d to %d minutes", buf,
		    EHC_COM_MINUTES_MIN,
		    EHC_COM_MINUTES_MAX);
	if (*s == '0')
		return fail(loader, pos, "invalid minutes '%s': leading "
		    "zeros are not allowed; write %ld", buf, minutes);
	*out = (int)minutes;
	return EHC_OK;
}

/* The sections of the file. */

static int
timeframe_entry(struct loader *loader, const char *key, struct position pos)
{
	struct ehc_duration d;
	struct position at;
	const char *value;
	size_t i;
	int rc;

	if ((rc = match_key(loader, key, pos, timeframe_names,
	    loader->timeframe_lines, &i)) != EHC_OK)
		return rc;
	if ((rc = read_value(loader, "a duration", key, &value, &at)) != EHC_OK)
		return rc;
	if ((rc = parse_duration(loader, key, value, at, &d)) != EHC_OK)
		return rc;
	loader->config->timeframes[i] = d;
	loader->timeframe_values[i] = at;
	return EHC_OK;
}

static int
com_entry(struct loader *loader, const char *key, struct position pos)
{
	struct position at;
	const char *value;
	size_t i;
	int rc;

	if ((rc = match_key(loader, key, pos, com_names, &loader->minutes_line,
	    &i)) != EHC_OK)
		return rc;
	if ((rc = read_value(loader, "a number of minutes", key, &value,
	    &at)) != EHC_OK)
		return rc;
	return parse_minutes(loader, value, at, &loader->config->com_minutes);
}

static int
database_entry(struct loader *loader, const char *key, struct position pos)
{
	struct position at;
	const char *value;
	char buf[SHOWN_MAX];
	size_t i;
	int rc;

	if ((rc = match_key(loader, key, pos, database_names,
	    &loader->journal_line, &i)) != EHC_OK)
		return rc;
	if ((rc = read_value(loader, "a journal mode", key, &value,
	    &at)) != EHC_OK)
		return rc;
	for (i = 0; i < EHC_JOURNAL_COUNT; i++) {
		if (strcmp(value, journal_names[i]) == 0) {
			loader->config->journal = (enum ehc_journal)i;
			return EHC_OK;
		}
	}
	shown(value, buf, sizeof(buf));
	return fail(loader, at, "invalid journal '%s': expected wal, delete, "
	    "truncate or persist", buf);
}

/* Rejects a term that lookups could never match or ehc could not print. */
static int
check_term(struct loader *loader, const char *term, struct position pos)
{
	size_t len = strlen(term);
	char buf[SHOWN_MAX];

	shown(term, buf, sizeof(buf));
	if (ehc_text_has_control(term))
		return fail(loader, pos, "acronym '%s' contains a control "
		    "character", buf);
	if (term[0] == ' ' || term[len - 1] == ' ')
		return fail(loader, pos, "acronym '%s' starts or ends with a "
		    "space; remove the space", buf);
	if (len > TERM_MAX)
		return fail(loader, pos, "acronym '%s' is longer than %d bytes",
		    buf, TERM_MAX);
	return EHC_OK;
}

static int
check_meaning(struct loader *loader, const char *term, const char *meaning,
    struct position pos)
{
	char buf[SHOWN_MAX];

	shown(term, buf, sizeof(buf));
	if (meaning[strspn(meaning, " ")] == '\0')
		return fail(loader, pos, "empty meaning for acronym '%s'", buf);
	if (ehc_text_has_control(meaning))
		return fail(loader, pos, "meaning of acronym '%s' contains a "
		    "control character such as a line break or tab; write it "
		    "on one line", buf);
	return EHC_OK;
}

/* Reports a term that this file already set, perhaps in another case. */
static int
fail_repeat(struct loader *loader, const char *term, struct position pos,
    size_t slot)
{
	const char *first = loader->config->acronyms[slot].term;
	size_t line = loader->acronym_lines[slot];
	char a[SHOWN_MAX], b[SHOWN_MAX];

	shown(term, a, sizeof(a));
	if (strcmp(term, first) == 0)
		return fail(loader, pos, "duplicate key '%s'%s (first at "
		    "line %zu)", a, loader->where, line);
	return fail(loader, pos, "duplicate key '%s'%s (first at line %zu as "
	    "'%s'; acronyms ignore case)", a, loader->where, line,
	    shown(first, b, sizeof(b)));
}

/* Adds a term, keeping acronym_lines parallel to the acronyms. */
static int
insert_term(struct loader *loader, size_t slot, const char *term,
    const char *meaning, size_t line)
{
	struct ehc_config *config = loader->config;
	size_t *lines;

	lines = realloc(loader->acronym_lines,
	    (config->acronym_count + 1) * sizeof(*lines));
	if (lines == NULL)
		return fail_memory(loader);
	loader->acronym_lines = lines;
	if (acronym_insert(config, slot, term, meaning) != EHC_OK)
		return fail_memory(loader);
	memmove(lines + slot + 1, lines + slot,
	    (config->acronym_count - 1 - slot) * sizeof(*lines));
	lines[slot] = line;
	return EHC_OK;
}

static int
acronym_entry(struct loader *loader, const char *term, struct position pos)
{
	struct position at;
	const char *meaning;
	size_t slot;
	bool found;
	int rc;

	if ((rc = check_term(loader, term, pos)) != EHC_OK)
		return rc;
	found = acronym_find(loader->config, term, &slot);
	if (found && loader->acronym_lines[slot] != 0)
		return fail_repeat(loader, term, pos, slot);
	rc = read_value(loader, "a meaning", term, &meaning, &at);
	if (rc != EHC_OK)
		return rc;
	if ((rc = check_meaning(loader, term, meaning, at)) != EHC_OK)
		return rc;

	if (!found)
		return insert_term(loader, slot, term, meaning, pos.line);
	if (acronym_replace(loader->config, slot, term, meaning) != EHC_OK)
		return fail_memory(loader);
	loader->acronym_lines[slot] = pos.line;
	return EHC_OK;
}

/* Reads the value of a top-level key: a mapping, or nothing at all. */
static int
top_entry(struct loader *loader, const char *key, struct position pos)
{
	char buf[SHOWN_MAX + 16];
	size_t i;
	int rc;

	if ((rc = match_key(loader, key, pos, section_names,
	    loader->section_lines, &i)) != EHC_OK)
		return rc;
	if ((rc = next_event(loader)) != EHC_OK)
		return rc;
	if (event_is_nothing(loader))
		return EHC_OK;
	if (loader->event.type != YAML_MAPPING_START_EVENT)
		return fail(loader, mark_position(loader->event.start_mark),
		    "expected a mapping for '%s', found %s", key,
		    describe_event(loader, buf, sizeof(buf)));

	snprintf(loader->where, sizeof(loader->where), " in '%s'", key);
	rc = load_mapping(loader, section_entries[i]);
	snprintf(loader->where, sizeof(loader->where), " at the top level");
	return rc;
}

/* The document as a whole. */

static int
load_document(struct loader *loader)
{
	char buf[SHOWN_MAX + 16];
	int rc;

	if ((rc = next_event(loader)) != EHC_OK)
		return rc;
	if (loader->event.type == YAML_MAPPING_START_EVENT)
		rc = load_mapping(loader, top_entry);
	else if (!event_is_nothing(loader))
		rc = fail(loader, mark_position(loader->event.start_mark),
		    "expected a mapping at the top level, found %s",
		    describe_event(loader, buf, sizeof(buf)));
	if (rc != EHC_OK)
		return rc;
	return next_event(loader);	/* the end of the document */
}

/* Reads the stream: no document at all, or exactly one. */
static int
load_stream(struct loader *loader)
{
	int rc;

	/* The first event starts the stream. */
	if ((rc = next_event(loader)) != EHC_OK)
		return rc;
	if ((rc = next_event(loader)) != EHC_OK)
		return rc;
	if (loader->event.type == YAML_STREAM_END_EVENT)
		return EHC_OK;
	if ((rc = load_document(loader)) != EHC_OK)
		return rc;
	if ((rc = next_event(loader)) != EHC_OK)
		return rc;
	if (loader->event.type != YAML_STREAM_END_EVENT)
		return fail(loader, mark_position(loader->event.start_mark),
		    "a second YAML document starts here; a configuration "
		    "file holds one");
	return EHC_OK;
}

/*
 * Rejects request-relative timeframes that fall out of order. The error
 * points at the key of the pair that this file set, the later one if both.
 */
static int
check_order(struct loader *loader)
{
	const struct ehc_duration *limit = loader->config->timeframes;
	const size_t *lines = loader->timeframe_lines;

	for (size_t i = 1; i < REQUEST_TIMEFRAMES; i++) {
		struct position pos = { 1, 1 };
		size_t bad = i, other = i - 1;
		const char *relation = "shorter";

		if (duration_days(limit[i]) >= duration_days(limit[i - 1]))
			continue;
		if (lines[i] == 0 && lines[i - 1] != 0) {
			bad = i - 1;
			other = i;
			relation = "longer";
		}
		if (lines[bad] != 0)
			pos = loader->timeframe_values[bad];
		return fail(loader, pos, "timeframe '%s' (%d%c) is %s than "
		    "'%s' (%d%c); assess-decision, advice-gathered, com, "
		    "issue-decision and final-plan must come in that order",
		    timeframe_names[bad], limit[bad].count, limit[bad].unit,
		    relation, timeframe_names[other], limit[other].count,
		    limit[other].unit);
	}
	return EHC_OK;
}

static int
parse_text(struct loader *loader)
{
	int rc;

	if ((rc = check_utf8(loader)) != EHC_OK)
		return rc;
	if ((rc = check_tabs(loader)) != EHC_OK)
		return rc;

	if (!yaml_parser_initialize(&loader->parser))
		return fail_memory(loader);
	loader->parser_ready = true;
	yaml_parser_set_input_string(&loader->parser,
	    (const unsigned char *)loader->text, loader->len);
	snprintf(loader->where, sizeof(loader->where), " at the top level");
	if ((rc = load_stream(loader)) != EHC_OK)
		return rc;
	return check_order(loader);
}

/* Loading a file. */

static int
fail_open(const char *path, struct ehc_error *err, int errnum)
{
	int status = EHC_CONFIG;

	if (errnum == ENOENT || errnum == ENOTDIR)
		status = EHC_NOINPUT;
	return ehc_error_set(err, status, "%s: cannot open: %s", path,
	    strerror(errnum));
}

/* Reads the whole file into a NUL-terminated buffer. */
static int
read_file(struct loader *loader)
{
	size_t cap = 4096;
	FILE *f;

	if ((f = fopen(loader->path, "rb")) == NULL)
		return fail_open(loader->path, loader->err, errno);
	for (;;) {
		char *grown = realloc(loader->text, cap + 1);

		if (grown == NULL) {
			fclose(f);
			return fail_memory(loader);
		}
		loader->text = grown;
		loader->len += fread(loader->text + loader->len, 1,
		    cap - loader->len, f);
		if (loader->len < cap || cap > FILE_MAX)
			break;
		cap *= 2;
	}
	loader->text[loader->len] = '\0';

	if (ferror(f)) {
		int errnum = errno;

		fclose(f);
		return ehc_error_set(loader->err, EHC_CONFIG,
		    "%s: cannot read: %s", loader->path, strerror(errnum));
	}
	fclose(f);
	if (loader->len > FILE_MAX)
		return ehc_error_set(loader->err, EHC_CONFIG, "%s: file is "
		    "larger than %d bytes; is it the right file?",
		    loader->path, FILE_MAX);
	return EHC_OK;
}

/* Moves the loaded copy into config, which keeps its address. */
static int
commit(struct ehc_config *config, struct loader *loader)
{
	char *source = strdup(loader->path);

	if (source == NULL)
		return fail_memory(loader);
	free(loader->config->source);
	loader->config->source = source;
	config_clear(config);
	*config = *loader->config;
	free(loader->config);
	loader->config = NULL;
	return EHC_OK;
}

int
ehc_config_load(struct ehc_config *config, const char *path,
    struct ehc_error *err)
{
	struct loader loader = { .path = path, .err = err };
	int rc;

	if ((rc = read_file(&loader)) != EHC_OK)
		goto out;
	if ((loader.config = config_copy(config)) == NULL ||
	    (loader.acronym_lines = calloc(config->acronym_count + 1,
	    sizeof(*loader.acronym_lines))) == NULL) {
		rc = fail_memory(&loader);
		goto out;
	}
	if ((rc = parse_text(&loader)) == EHC_OK)
		rc = commit(config, &loader);

out:
	if (loader.have_event)
		yaml_event_delete(&loader.event);
	if (loader.parser_ready)
		yaml_parser_delete(&loader.parser);
	ehc_config_destroy(loader.config);
	free(loader.acronym_lines);
	free(loader.text);
	return rc;
}

/* Writing. */

/*
 * Writes the character at p as a double-quoted YAML scalar needs it and
 * returns its length in bytes. Control characters, line separators and the
 * characters libyaml's reader rejects are escaped so that they read back.
 */
static size_t
write_char(FILE *out, const unsigned char *p)
{
	if (*p == '"' || *p == '\\') {
		fprintf(out, "\\%c", *p);
		return 1;
	}
	if (*p == '\n' || *p == '\t') {
		fputs(*p == '\n' ? "\\n" : "\\t", out);
		return 1;
	}
	if (*p < 0x20 || *p == 0x7f) {
		fprintf(out, "\\x%02x", *p);
		return 1;
	}
	if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
		fprintf(out, "\\x%02x", p[1]);
		return 2;
	}
	if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9)) {
		fputs(p[2] == 0xa8 ? "\\L" : "\\P", out);
		return 3;
	}
	/* U+FFFE and U+FFFF, which libyaml rejects, and U+FEFF, invisible. */
	if (p[0] == 0xef && ((p[1] == 0xbb && p[2] == 0xbf) ||
	    (p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)))) {
		fprintf(out, "\\u%04X", (p[1] & 0x3f) << 6 | (p[2] & 0x3f) |
		    0xf000);
		return 3;
	}
	putc(*p, out);
	return 1;
}

/*
 * Writes s in double quotes. Quoting every term and meaning keeps a YAML 1.1
 * reader from taking NO, ON, ~ or 12 for anything but text.
 */
static void
write_quoted(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	putc('"', out);
	while (*p != '\0')
		p += write_char(out, p);
	putc('"', out);
}

static void
write_source(const struct ehc_config *config, FILE *out)
{
	fputs("# configuration: ", out);
	if (config->source == NULL) {
		fputs("built-in default\n", out);
		return;
	}
	/* A line break in the path would end the comment. */
	for (const char *p = config->source; *p != '\0'; p++)
		putc((unsigned char)*p < 0x20 ? '?' : *p, out);
	putc('\n', out);
}

int
ehc_config_write(const struct ehc_config *config, FILE *out,
    struct ehc_error *err)
{
	/* Clear errno so that a value from an earlier call is not reported. */
	errno = 0;
	write_source(config, out);

	fputs("timeframes:\n", out);
	for (size_t i = 0; i < EHC_TIMEFRAME_COUNT; i++) {
		const struct ehc_duration *d = &config->timeframes[i];

		if (duration_days(*d) > 0)
			fprintf(out, "  %s: %d%c\n", timeframe_names[i],
			    d->count, d->unit);
	}
	fprintf(out, "com:\n  minutes: %d\n", config->com_minutes);

	fprintf(out, "database:\n  journal: %s\n",
	    journal_names[config->journal]);

	fputs(config->acronym_count == 0 ? "acronyms: {}\n" : "acronyms:\n",
	    out);
	for (size_t i = 0; i < config->acronym_count; i++) {
		fputs("  ", out);
		write_quoted(out, config->acronyms[i].term);
		fputs(": ", out);
		write_quoted(out, config->acronyms[i].meaning);
		putc('\n', out);
	}

	if (fflush(out) == EOF || ferror(out))
		return ehc_error_set(err, EHC_IOERR, "cannot write the "
		    "configuration: %s",
		    errno != 0 ? strerror(errno) : "write error");
	return EHC_OK;
}
