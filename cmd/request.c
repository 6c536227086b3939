/* ehc request: register a request for an EHC needs assessment. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "ehc.h"
#include "ehc/case.h"
#include "ehc/steps.h"

enum {
	OPT_CHILD = OPT_FIRST_OWN,
	OPT_DOB,
	OPT_RECEIVED,
	OPT_REF,
	OPT_SOURCE,
	OPT_SETTING,
	OPT_ARO,
	OPT_EP,
	OPT_NOTE,
};

static const struct option options[] = {
	EHC_COMMON_OPTIONS,
	{ "child", required_argument, NULL, OPT_CHILD },
	{ "dob", required_argument, NULL, OPT_DOB },
	{ "received", required_argument, NULL, OPT_RECEIVED },
	{ "ref", required_argument, NULL, OPT_REF },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "setting", required_argument, NULL, OPT_SETTING },
	{ "aro", required_argument, NULL, OPT_ARO },
	{ "ep", required_argument, NULL, OPT_EP },
	{ "note", required_argument, NULL, OPT_NOTE },
	{ 0 },
};

static int
parse(int argc, char **argv, struct ehc_request *req, const char **dob,
      const char **received)
{
	int opt, source, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case OPT_CHILD: req->child = optarg; break;
		case OPT_DOB: *dob = optarg; break;
		case OPT_RECEIVED: *received = optarg; break;
		case OPT_REF: req->ref = optarg; break;
		case OPT_SOURCE: req->source = optarg; break;
		case OPT_SETTING: req->setting = optarg; break;
		case OPT_ARO: req->aro = optarg; break;
		case OPT_EP: req->ep = optarg; break;
		case OPT_NOTE: req->note = optarg; break;
		default:
			if ((status = ehc_cmd_option(opt, argv)) != EHC_OK)
				return status;
		}
	}
	if ((status = ehc_cmd_no_operands(argc, argv)) != EHC_OK)
		return status;
	if (req->child == NULL)
		return ehc_cmd_usage("missing --child NAME");
	if (*dob == NULL)
		return ehc_cmd_usage("missing --dob DATE");
	if (req->source != NULL)
		return ehc_cmd_name("--source", req->source,
				    ehc_request_sources, &source);
	return EHC_OK;
}

static int
run(int argc, char **argv)
{
	struct ehc_request req = { 0 };
	const char *dob = NULL, *received = NULL;
	struct ehc_config *config = NULL;
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	char ref[EHC_REF_MAX + 1];
	ehc_date today;
	int status;

	if ((status = parse(argc, argv, &req, &dob, &received)) != EHC_OK ||
	    (status = ehc_cmd_today(&today)) != EHC_OK ||
	    (status = ehc_cmd_date("--dob", dob, &req.dob)) != EHC_OK)
		return status;
	req.received = today;
	if (received != NULL &&
	    (status = ehc_cmd_date("--received", received, &req.received)))
		return status;

	/* A rejected request must not even create the database. */
	if (ehc_request_check(&req, today, &err) != EHC_OK)
		return ehc_cmd_error(&err);
	if ((status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	ehc_config_destroy(config);
	if ((status = ehc_cmd_open(EHC_STORE_WRITE, &store)) != EHC_OK)
		return status;
	status = ehc_case_request(store, &req, today, ref, &err);
	ehc_store_close(store);
	if (status != EHC_OK)
		return ehc_cmd_error(&err);

	if (puts(ref) == EOF || fflush(stdout) != 0)
		return ehc_cmd_fail(EHC_IOERR, "case '%s' was stored, but its "
				    "reference could not be written: %s", ref,
				    strerror(errno));
	return EHC_OK;
}

const struct ehc_command ehc_command_request = {
	.name = "request",
	.summary = "Register a request for an EHC needs assessment.",
	.usage = "ehc request --child NAME --dob DATE [--received DATE] "
		 "[--ref REF]\n"
		 "         [--source parent|young-person|school|health|"
		 "social-care|other]\n"
		 "         [--setting NAME] [--aro NAME] [--ep NAME] "
		 "[--note TEXT]",
	.help =
	"options:\n"
	"  --child NAME       the child's or young person's name\n"
	"  --dob DATE         date of birth, YYYY-MM-DD\n"
	"  --received DATE    the day the request arrived (default: today)\n"
	"  --ref REF          the case reference (default: EHC-YYYY-NNNN)\n"
	"  --source WHO       who made the request\n"
	"  --setting NAME     the school or setting\n"
	"  --aro NAME         the Assessment and Reviewing Officer\n"
	"  --ep NAME          the Educational Psychologist\n"
	"  --note TEXT        a note kept with the request\n"
	EHC_COMMON_HELP
	"\nPrints the case reference on stdout.\n",
	.options = options,
	.run = run,
};
