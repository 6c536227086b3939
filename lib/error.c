/* Filling an ehc_error. */
#include <stdarg.h>
#include <stdio.h>

#include "ehc/error.h"

int
ehc_error_set(struct ehc_error *err, int status, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return status;
	err->status = status;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return status;
}
