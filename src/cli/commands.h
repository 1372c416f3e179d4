/** The subcommands of boardpack; each returns an exit code (exitcode.h). */
#ifndef BP_COMMANDS_H
#define BP_COMMANDS_H

int cmd_check(int argc, char **argv);
int cmd_schema(int argc, char **argv);
int cmd_eval(int argc, char **argv);
int cmd_build(int argc, char **argv);

/** Parses a report date given on the command line (ISO 2023-09-30 or any
 *  day form the plan format accepts). Returns BP_DAY_NONE after printing
 *  an error when it is not one day. */
int cli_parse_day(const char *text, int *out_day);

#endif
