/* ehc help: the manual page of ehc or of one command, as git help does. */
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "ehc.h"

static const struct option options[] = {
	EHC_COMMON_OPTIONS,
	{ 0 },
};

/*
 * Runs man(1) on page and returns whether it showed it. Without man, or
 * without the page, man fails and the caller prints the usage instead, so
 * man's own complaint is sent to /dev/null.
 */
static bool
show_page(const char *page)
{
	pid_t pid;
	int wstatus, null;

	fflush(stdout);
	if ((pid = fork()) == -1)
		return false;
	if (pid == 0) {
		if ((null = open("/dev/null", O_WRONLY)) != -1)
			dup2(null, STDERR_FILENO);
		execlp("man", "man", page, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &wstatus, 0) == -1)
		return false;
	return WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
}

static int
run(int argc, char **argv)
{
	const struct ehc_command *command;
	char page[64];
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = ehc_cmd_option(opt, argv)) != EHC_OK)
			return status;
	if (argc - optind > 1)
		return ehc_cmd_usage("unexpected argument '%s'",
				     argv[optind + 1]);
	if (optind == argc) {
		if (!show_page("ehc"))
			ehc_print_main_help();
		return EHC_OK;
	}

	command = ehc_command_find(argv[optind]);
	if (command == NULL)
		return ehc_cmd_usage("unknown command '%s'", argv[optind]);
	snprintf(page, sizeof(page), "ehc-%s", command->name);
	if (!show_page(page))
		ehc_cmd_print_help(command);
	return EHC_OK;
}

const struct ehc_command ehc_command_help = {
	.name = "help",
	.summary = "Show the manual page of ehc or of one command.",
	.usage = "ehc help [COMMAND]",
	.help = "options:\n" EHC_COMMON_HELP
		"\nOpens the manual page with man(1); without man, or "
		"without the page,\nprints the usage as --help does.\n",
	.options = options,
	.run = run,
};
