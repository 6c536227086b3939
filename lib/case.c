/* The vocabulary of a case: stages, advice sources, areas, exceptions. */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/case.h"

const char *const ehc_stage_names[] = {
	[EHC_STAGE_REQUESTED] = "requested",
	[EHC_STAGE_ASSESSMENT] = "assessment",
	[EHC_STAGE_COM_HELD] = "com-held",
	[EHC_STAGE_DRAFTING] = "drafting",
	[EHC_STAGE_DRAFT_SERVED] = "draft-served",
	[EHC_STAGE_SUPPORT_MEETING] = "support-meeting",
	[EHC_STAGE_NOT_ASSESSED] = "not-assessed",
	[EHC_STAGE_PLAN_ISSUED] = "plan-issued",
	[EHC_STAGE_SUPPORT_AGREED] = "support-agreed",
	[EHC_STAGE_WITHDRAWN] = "withdrawn",
	[EHC_STAGE_COUNT] = NULL,
};

static const char *const stage_descriptions[] = {
	[EHC_STAGE_REQUESTED] = "awaiting the decision whether to assess",
	[EHC_STAGE_ASSESSMENT] = "assessing: advice to gather, COM to hold",
	[EHC_STAGE_COM_HELD] = "COM held, awaiting the decision whether to "
			       "issue a plan",
	[EHC_STAGE_DRAFTING] = "a plan is to be issued, draft not yet served",
	[EHC_STAGE_DRAFT_SERVED] = "draft plan served, final plan to issue",
	[EHC_STAGE_SUPPORT_MEETING] = "no plan to be issued, SEN support "
				      "meeting to hold",
	[EHC_STAGE_NOT_ASSESSED] = "ended: decided not to assess",
	[EHC_STAGE_PLAN_ISSUED] = "ended: final plan issued",
	[EHC_STAGE_SUPPORT_AGREED] = "ended: SEN support meeting held",
	[EHC_STAGE_WITHDRAWN] = "ended: withdrawn",
};

const char *const ehc_advice_source_names[] = {
	[EHC_ADVICE_PARENT] = "parent",
	[EHC_ADVICE_EDUCATION] = "education",
	[EHC_ADVICE_HEALTH] = "health",
	[EHC_ADVICE_PSYCHOLOGY] = "psychology",
	[EHC_ADVICE_SOCIAL_CARE] = "social-care",
	[EHC_ADVICE_OTHER] = "other",
	[EHC_ADVICE_COUNT] = NULL,
};

const char *const ehc_area_names[] = {
	[EHC_AREA_COMMUNICATION] = "communication-and-interaction",
	[EHC_AREA_COGNITION] = "cognition-and-learning",
	[EHC_AREA_SEMH] = "social-emotional-and-mental-health",
	[EHC_AREA_SENSORY] = "sensory-and-physical",
	[EHC_AREA_COUNT] = NULL,
};

const char *const ehc_area_short_names[] = {
	[EHC_AREA_COMMUNICATION] = "ci",
	[EHC_AREA_COGNITION] = "cl",
	[EHC_AREA_SEMH] = "semh",
	[EHC_AREA_SENSORY] = "sp",
	[EHC_AREA_COUNT] = NULL,
};

const char *const ehc_area_titles[] = {
	[EHC_AREA_COMMUNICATION] = "Communication and interaction",
	[EHC_AREA_COGNITION] = "Cognition and learning",
	[EHC_AREA_SEMH] = "Social, emotional and mental health",
	[EHC_AREA_SENSORY] = "Sensory and/or physical needs",
	[EHC_AREA_COUNT] = NULL,
};

const char *const ehc_exception_names[] = {
	[EHC_EXCEPTION_SCHOOL_CLOSURE] = "school-closure",
	[EHC_EXCEPTION_EARLY_YEARS_CLOSURE] = "early-years-closure",
	[EHC_EXCEPTION_PERSONAL_CIRCUMSTANCES] = "personal-circumstances",
	[EHC_EXCEPTION_ABSENCE] = "absence",
	[EHC_EXCEPTION_COUNT] = NULL,
};

const char *const ehc_request_sources[] = {
	"parent", "young-person", "school", "health", "social-care", "other",
	NULL,
};

int
ehc_name_index(const char *const *names, const char *name)
{
	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

bool
ehc_area_lookup(const char *name, enum ehc_area *out)
{
	int i = ehc_name_index(ehc_area_names, name);

	if (i < 0)
		i = ehc_name_index(ehc_area_short_names, name);
	if (i < 0)
		return false;
	*out = (enum ehc_area)i;
	return true;
}

bool
ehc_stage_ended(enum ehc_stage stage)
{
	return stage >= EHC_STAGE_NOT_ASSESSED && stage < EHC_STAGE_COUNT;
}

const char *
ehc_stage_description(enum ehc_stage stage)
{
	if (stage < 0 || stage >= EHC_STAGE_COUNT)
		return "unknown";
	return stage_descriptions[stage];
}

struct ehc_case
ehc_case_empty(void)
{
	struct ehc_case c = {
		.dob = EHC_DATE_NONE,
		.received = EHC_DATE_NONE,
		.stage = EHC_STAGE_REQUESTED,
		.assess_date = EHC_DATE_NONE,
		.com = { .booked = EHC_DATE_NONE, .held = EHC_DATE_NONE },
		.issue_date = EHC_DATE_NONE,
		.draft = EHC_DATE_NONE,
		.comments = EHC_DATE_NONE,
		.final = EHC_DATE_NONE,
		.support_meeting = EHC_DATE_NONE,
		.withdrawn = EHC_DATE_NONE,
		.exception_from = EHC_DATE_NONE,
		.ended = EHC_DATE_NONE,
	};

	for (int i = 0; i < EHC_ADVICE_COUNT; i++) {
		c.advice[i].requested = EHC_DATE_NONE;
		c.advice[i].received = EHC_DATE_NONE;
	}
	return c;
}

/* Where the strings of a case are, for copying and freeing them. */
static const size_t string_offsets[] = {
	offsetof(struct ehc_case, ref),
	offsetof(struct ehc_case, child),
	offsetof(struct ehc_case, source),
	offsetof(struct ehc_case, setting),
	offsetof(struct ehc_case, aro),
	offsetof(struct ehc_case, ep),
	offsetof(struct ehc_case, com.at),
	offsetof(struct ehc_case, com.location),
	offsetof(struct ehc_case, com.chair),
	offsetof(struct ehc_case, placement),
	offsetof(struct ehc_case, withdraw_reason),
};

#define STRING_COUNT (sizeof(string_offsets) / sizeof(*string_offsets))

static const char **
string_at(struct ehc_case *c, size_t i)
{
	return (const char **)(void *)((char *)c + string_offsets[i]);
}

bool
ehc_case_copy(struct ehc_case *out, const struct ehc_case *c)
{
	*out = *c;
	for (size_t i = 0; i < STRING_COUNT; i++)
		*string_at(out, i) = NULL;
	for (size_t i = 0; i < STRING_COUNT; i++) {
		const char *s = *string_at((struct ehc_case *)c, i);

		if (s != NULL && (*string_at(out, i) = strdup(s)) == NULL) {
			ehc_case_release(out);
			return false;
		}
	}
	return true;
}

void
ehc_case_release(struct ehc_case *c)
{
	for (size_t i = 0; i < STRING_COUNT; i++) {
		free((char *)*string_at(c, i));
		*string_at(c, i) = NULL;
	}
}
