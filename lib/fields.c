/* Checks on the text fields of a case, shared by every step that sets one. */
#include <ctype.h>
#include <string.h>

#include "ehc/case.h"
#include "ehc/text.h"
#include "fields.h"

static int
check_common(const char *what, const char *value, size_t max,
	     bool required, struct ehc_error *err)
{
	size_t len, bad;

	if (value == NULL) {
		if (!required)
			return EHC_OK;
		return ehc_error_set(err, EHC_DATAERR, "missing %s", what);
	}
	len = strlen(value);
	if ((bad = ehc_text_utf8_invalid(value, len)) != len)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid %s: byte %zu (0x%02x) is not "
				     "UTF-8", what, bad + 1,
				     (unsigned char)value[bad]);
	if (ehc_text_blank(value))
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid %s: it is empty", what);
	if (len > max)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid %s: %zu bytes is longer than the "
				     "maximum of %zu", what, len, max);
	return EHC_OK;
}

int
ehc_field_line(const char *what, const char *value, size_t max,
	       bool required, struct ehc_error *err)
{
	int status = check_common(what, value, max, required, err);

	if (status != EHC_OK || value == NULL)
		return status;
	if (ehc_text_has_control(value))
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid %s: control characters are not "
				     "allowed", what);
	if (ehc_text_has_bidi_control(value))
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid %s: bidirectional formatting "
				     "characters are not allowed", what);
	if (ehc_text_has_invisible(value))
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid %s: invisible characters and "
				     "line separators are not allowed", what);
	if (ehc_text_padded(value))
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid %s: it starts or ends with a "
				     "space", what);
	return EHC_OK;
}

int
ehc_field_text(const char *what, const char *value, size_t max,
	       bool required, struct ehc_error *err)
{
	int status = check_common(what, value, max, required, err);
	const unsigned char *p = (const unsigned char *)value;

	if (status != EHC_OK || value == NULL)
		return status;
	if (ehc_text_has_bidi_control(value))
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid %s: bidirectional formatting "
				     "characters are not allowed", what);
	for (size_t i = 0; p[i] != '\0'; i++) {
		bool c1 = p[i] == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f;

		if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n') ||
		    p[i] == 0x7f || c1)
			return ehc_error_set(err, EHC_DATAERR,
					     "invalid %s: control character "
					     "0x%02x at byte %zu is not "
					     "allowed",
					     what, c1 ? p[i + 1] : p[i], i + 1);
	}
	return EHC_OK;
}

int
ehc_field_ref(const char *ref, struct ehc_error *err)
{
	size_t len = strlen(ref);
	bool valid = len > 0 && len <= EHC_REF_MAX &&
		     isalnum((unsigned char)ref[0]);

	for (const char *p = ref; valid && *p; p++)
		valid = isalnum((unsigned char)*p) || strchr("-_./", *p);
	if (valid && strstr(ref, "..") == NULL)
		return EHC_OK;
	return ehc_error_set(err, EHC_DATAERR,
			     "invalid reference '%s': use 1 to %d letters, "
			     "digits and '-_./', starting with a letter or "
			     "digit, without '..'", ref, EHC_REF_MAX);
}
