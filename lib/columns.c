/*
 * The columns of the import and export format, shared by both, so that
 * export writes exactly what import reads.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "columns.h"

#define FIELD(member) offsetof(struct ehc_case, member)

#define COLUMN(name, kind, member)					\
	{ name, kind, false, FIELD(member), EHC_INVITED }
#define REQUIRED(name, kind, member)					\
	{ name, kind, true, FIELD(member), EHC_INVITED }
#define LIST(name, kind, list)						\
	{ name, kind, false, EHC_TRANSFER_NO_FIELD, list }
#define ADVICE(source, index)						\
	COLUMN("advice_" source "_requested", EHC_KIND_DATE,		\
	       advice[index].requested),				\
	COLUMN("advice_" source "_received", EHC_KIND_DATE,		\
	       advice[index].received)

/*
 * The order follows the case: the request, then each step in the order
 * the process takes it. Scripts may rely on it, so new columns go last.
 * The header gives the array its size, so a column missing here or one too
 * many is a compile error.
 */
const struct ehc_transfer_column ehc_transfer_columns[] = {
	REQUIRED("ref", EHC_KIND_REF, ref),
	REQUIRED("child_name", EHC_KIND_NAME, child),
	REQUIRED("date_of_birth", EHC_KIND_DATE, dob),
	REQUIRED("received", EHC_KIND_DATE, received),
	COLUMN("source", EHC_KIND_SOURCE, source),
	COLUMN("setting", EHC_KIND_NAME, setting),
	COLUMN("aro", EHC_KIND_NAME, aro),
	COLUMN("ep", EHC_KIND_NAME, ep),
	LIST("notes", EHC_KIND_NOTE, EHC_INVITED),
	COLUMN("assess_decision", EHC_KIND_ASSESS, assess),
	COLUMN("assess_decision_date", EHC_KIND_DATE, assess_date),
	ADVICE("parent", EHC_ADVICE_PARENT),
	ADVICE("education", EHC_ADVICE_EDUCATION),
	ADVICE("health", EHC_ADVICE_HEALTH),
	ADVICE("psychology", EHC_ADVICE_PSYCHOLOGY),
	ADVICE("social_care", EHC_ADVICE_SOCIAL_CARE),
	ADVICE("other", EHC_ADVICE_OTHER),
	COLUMN("com_at", EHC_KIND_COM_AT, com.at),
	COLUMN("com_minutes", EHC_KIND_MINUTES, com.minutes),
	COLUMN("com_location", EHC_KIND_NAME, com.location),
	COLUMN("com_chair", EHC_KIND_NAME, com.chair),
	COLUMN("com_booked_date", EHC_KIND_DATE, com.booked),
	LIST("com_invited", EHC_KIND_PEOPLE, EHC_INVITED),
	COLUMN("com_held_date", EHC_KIND_DATE, com.held),
	LIST("com_attended", EHC_KIND_PEOPLE, EHC_ATTENDED),
	LIST("outcomes", EHC_KIND_OUTCOMES, EHC_INVITED),
	COLUMN("issue_decision", EHC_KIND_ISSUE, issue),
	COLUMN("issue_decision_date", EHC_KIND_DATE, issue_date),
	COLUMN("support_meeting_date", EHC_KIND_DATE, support_meeting),
	COLUMN("draft_plan_date", EHC_KIND_DATE, draft),
	COLUMN("comments_received_date", EHC_KIND_DATE, comments),
	COLUMN("final_plan_date", EHC_KIND_DATE, final),
	COLUMN("placement", EHC_KIND_NAME, placement),
	COLUMN("withdrawn_date", EHC_KIND_DATE, withdrawn),
	COLUMN("withdraw_reason", EHC_KIND_TEXT, withdraw_reason),
	LIST("exceptions", EHC_KIND_EXCEPTIONS, EHC_INVITED),
};

/* Returns whether name, less the blanks around it, is column ignoring case. */
static bool
same_name(const char *name, const char *column)
{
	size_t len;

	while (*name == ' ' || *name == '\t')
		name++;
	len = strlen(name);
	while (len > 0 && (name[len - 1] == ' ' || name[len - 1] == '\t'))
		len--;
	if (len != strlen(column))
		return false;
	for (size_t i = 0; i < len; i++)
		if (tolower((unsigned char)name[i]) != column[i])
			return false;
	return true;
}

int
ehc_transfer_column_find(const char *name)
{
	for (size_t i = 0; i < EHC_TRANSFER_COLUMN_COUNT; i++)
		if (same_name(name, ehc_transfer_columns[i].name))
			return (int)i;
	return -1;
}

int
ehc_transfer_column_at(size_t offset)
{
	for (size_t i = 0; i < EHC_TRANSFER_COLUMN_COUNT; i++)
		if (ehc_transfer_columns[i].offset == offset)
			return (int)i;
	return -1;
}

void
ehc_transfer_column_list(char *buf, size_t size)
{
	size_t used = 0;
	bool advice_listed = false;

	buf[0] = '\0';
	for (size_t i = 0; i < EHC_TRANSFER_COLUMN_COUNT && used < size;
	     i++) {
		const char *name = ehc_transfer_columns[i].name;

		if (strncmp(name, "advice_", 7) == 0) {
			if (advice_listed)
				continue;
			advice_listed = true;
			name = "advice_SOURCE_requested, "
			       "advice_SOURCE_received (SOURCE: parent, "
			       "education, health, psychology, social_care "
			       "or other)";
		}
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
					 i > 0 ? ", " : "", name);
	}
}

void *
ehc_transfer_field(struct ehc_case *c, size_t i)
{
	return (char *)c + ehc_transfer_columns[i].offset;
}

const void *
ehc_transfer_field_const(const struct ehc_case *c, size_t i)
{
	return (const char *)c + ehc_transfer_columns[i].offset;
}
