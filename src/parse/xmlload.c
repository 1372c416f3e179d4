/* GNU and POSIX functions (realpath, open_memstream, strcasestr …) are
 * used here: ask for them whatever the compiler is told. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "xmlload.h"

#include <errno.h>
#include <fcntl.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"

static xmlParserInputPtr refuse_entity_loader(const char *url, const char *id,
					      xmlParserCtxtPtr ctxt)
{
	(void)url;
	(void)id;
	(void)ctxt;
	return NULL;
}

static void silent_generic_error(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

void xmlload_init(void)
{
	static bool done;
	if (done)
		return;
	done = true;
	xmlInitParser();
	xmlSetExternalEntityLoader(refuse_entity_loader);
	xmlSetGenericErrorFunc(NULL, silent_generic_error);
	xmlLineNumbersDefault(1);
}

long xmlload_line(const xmlNode *node)
{
	return node ? xmlGetLineNo(node) : 0;
}

/* Line number (from 1) of byte offset off. */
static long line_at(const char *data, size_t off)
{
	long line = 1;
	for (size_t i = 0; i < off; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

/* Length of the valid UTF-8 sequence at p, or 0 if it is not valid. */
static size_t utf8_sequence(const unsigned char *p, size_t left)
{
	unsigned char c = p[0];
	size_t n;
	unsigned int cp;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (left < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/* Checks the raw bytes: no NUL, valid UTF-8, no document type declaration
 * in the prolog, and no encoding other than UTF-8 declared. */
static bool prescan(const char *name, int file_order, const char *data, size_t size,
		    struct diag_list *diags)
{
	const unsigned char *u = (const unsigned char *)data;
	for (size_t i = 0; i < size;) {
		if (u[i] == 0) {
			diag_add(diags, DIAG_ERROR, name, file_order, line_at(data, i),
				 "file contains a NUL byte");
			return false;
		}
		size_t n = utf8_sequence(u + i, size - i);
		if (!n) {
			diag_add(diags, DIAG_ERROR, name, file_order, line_at(data, i),
				 "invalid UTF-8 (byte 0x%02X): plans must be UTF-8", u[i]);
			return false;
		}
		i += n;
	}
	/* The prolog: XML declaration, comments, processing instructions and
	 * white space before the root element. A DOCTYPE can only be here. */
	size_t i = 0;
	if (size >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		i = 3;
	while (i < size) {
		if (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n') {
			i++;
		} else if (size - i >= 4 && memcmp(data + i, "<!--", 4) == 0) {
			const char *end = memmem(data + i + 4, size - i - 4, "-->", 3);
			if (!end)
				break;
			i = (size_t)(end - data) + 3;
		} else if (size - i >= 2 && memcmp(data + i, "<?", 2) == 0) {
			const char *end = memmem(data + i + 2, size - i - 2, "?>", 2);
			if (!end)
				break;
			if (size - i >= 5 && memcmp(data + i, "<?xml", 5) == 0) {
				const char *enc = memmem(data + i, (size_t)(end - (data + i)),
							 "encoding", 8);
				if (enc) {
					const char *q = enc + 8;
					while (q < end && (*q == ' ' || *q == '=' || *q == '"' || *q == '\''))
						q++;
					if (!(end - q >= 5 && strncasecmp(q, "utf-8", 5) == 0) &&
					    !(end - q >= 4 && strncasecmp(q, "utf8", 4) == 0)) {
						diag_add(diags, DIAG_ERROR, name, file_order,
							 line_at(data, i),
							 "encoding other than UTF-8 declared: plans must be UTF-8");
						return false;
					}
				}
			}
			i = (size_t)(end - data) + 2;
		} else if (size - i >= 9 && memcmp(data + i, "<!DOCTYPE", 9) == 0) {
			diag_add(diags, DIAG_ERROR, name, file_order, line_at(data, i),
				 "document type declarations (DTDs) are not allowed: "
				 "remove the <!DOCTYPE ...> and any entities");
			return false;
		} else {
			break;
		}
	}
	return true;
}

struct error_sink {
	const char *name;
	int file_order;
	struct diag_list *diags;
	int count;
};

/* Rewrites libxml2's wording for the cases users meet most. */
static void describe_xml_error(const xmlError *e, char *buf, size_t size)
{
	const char *msg = e->message ? e->message : "malformed XML";
	if (e->code == XML_ERR_INTERNAL_ERROR && strstr(msg, "Excessive depth")) {
		snprintf(buf, size, "elements are nested more than %d levels deep",
			 XMLLOAD_MAX_DEPTH);
		return;
	}
	if (strstr(msg, "Huge input lookup") || strstr(msg, "huge text node") ||
	    strstr(msg, "AttValue length too long")) {
		snprintf(buf, size, "text longer than the limit of 10,000,000 characters");
		return;
	}
	if (e->code == XML_ERR_DOCUMENT_EMPTY) {
		snprintf(buf, size, "file is empty: a plan starts with <plan>");
		return;
	}
	if (e->code == XML_ERR_UNDECLARED_ENTITY || e->code == XML_WAR_UNDECLARED_ENTITY ||
	    e->code == XML_ERR_ENTITY_LOOP || e->code == XML_ERR_ENTITY_PE_INTERNAL) {
		snprintf(buf, size, "entity references are not allowed (only &amp; &lt; &gt; &quot; &apos; and character references)");
		return;
	}
	snprintf(buf, size, "%s", msg);
	size_t n = strlen(buf);
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == ' ' || buf[n - 1] == '.'))
		buf[--n] = '\0';
	if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
		buf[0] = (char)(buf[0] - 'A' + 'a');
	if (strncmp(buf, "xmlParse", 8) == 0 || strncmp(buf, "parsing XML", 11) == 0) {
		/* internal function names mean nothing to users */
		const char *colon = strchr(buf, ':');
		if (colon) {
			memmove(buf, colon + 2 <= buf + n ? colon + 2 : colon + 1,
				strlen(colon + 1));
		}
	}
}

static void structured_error(void *user, xmlErrorPtr e)
{
	struct error_sink *sink = user;
	if (e->level == XML_ERR_WARNING)
		return;
	if (sink->count++ >= 20)
		return;
	char msg[512];
	describe_xml_error(e, msg, sizeof msg);
	diag_add(sink->diags, DIAG_ERROR, sink->name, sink->file_order, e->line > 0 ? e->line : 0,
		 "%s", msg);
}

enum xmlload_status xmlload_memory(const char *name, int file_order,
				   const char *data, size_t size,
				   struct diag_list *diags, xmlDocPtr *doc)
{
	xmlload_init();
	*doc = NULL;
	if (size == 0) {
		diag_add(diags, DIAG_ERROR, name, file_order, 0,
			 "file is empty: a plan starts with <plan>");
		return XMLLOAD_INVALID;
	}
	if (size > (size_t)INT32_MAX) {
		diag_add(diags, DIAG_ERROR, name, file_order, 0, "file is too large");
		return XMLLOAD_INVALID;
	}
	if (!prescan(name, file_order, data, size, diags))
		return XMLLOAD_INVALID;

	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (!ctxt)
		die_oom(sizeof(xmlParserCtxt));
	struct error_sink sink = { name, file_order, diags, 0 };
	xmlSetStructuredErrorFunc(&sink, structured_error);
	int options = XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_BIG_LINES |
		      XML_PARSE_NOWARNING | XML_PARSE_NOERROR | XML_PARSE_NOCDATA;
	xmlDocPtr d = xmlCtxtReadMemory(ctxt, data, (int)size, name, "UTF-8", options);
	xmlSetStructuredErrorFunc(NULL, NULL);
	int well_formed = ctxt->wellFormed;
	xmlFreeParserCtxt(ctxt);
	if (!d || !well_formed || sink.count) {
		if (!sink.count)
			diag_add(diags, DIAG_ERROR, name, file_order, 0, "not well-formed XML");
		if (d)
			xmlFreeDoc(d);
		return XMLLOAD_INVALID;
	}
	if (d->intSubset || d->extSubset) {
		diag_add(diags, DIAG_ERROR, name, file_order, 1,
			 "document type declarations (DTDs) are not allowed");
		xmlFreeDoc(d);
		return XMLLOAD_INVALID;
	}
	*doc = d;
	return XMLLOAD_OK;
}

enum xmlload_status xmlload_file(const char *path, int file_order,
				 struct diag_list *diags, xmlDocPtr *doc)
{
	return xmlload_file_named(path, path, file_order, diags, doc);
}

enum xmlload_status xmlload_file_named(const char *path, const char *name, int file_order,
				       struct diag_list *diags, xmlDocPtr *doc)
{
	*doc = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		diag_add(diags, DIAG_ERROR, name, file_order, 0, "cannot open: %s",
			 strerror(errno));
		return XMLLOAD_IO;
	}
	struct stat st;
	if (fstat(fd, &st) != 0) {
		diag_add(diags, DIAG_ERROR, name, file_order, 0, "cannot read: %s",
			 strerror(errno));
		close(fd);
		return XMLLOAD_IO;
	}
	if (S_ISDIR(st.st_mode)) {
		diag_add(diags, DIAG_ERROR, name, file_order, 0, "is a directory, not a plan file");
		close(fd);
		return XMLLOAD_IO;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_add(diags, DIAG_ERROR, name, file_order, 0, "is not a regular file");
		close(fd);
		return XMLLOAD_IO;
	}
	if (st.st_size > XMLLOAD_MAX_BYTES) {
		diag_add(diags, DIAG_ERROR, name, file_order, 0,
			 "file is %lld MB, over the limit of %ld MB",
			 (long long)(st.st_size >> 20), XMLLOAD_MAX_BYTES >> 20);
		close(fd);
		return XMLLOAD_INVALID;
	}
	size_t size = (size_t)st.st_size;
	char *data = xmalloc(size + 1);
	size_t got = 0;
	while (got < size) {
		ssize_t r = read(fd, data + got, size - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			diag_add(diags, DIAG_ERROR, name, file_order, 0, "cannot read: %s",
				 strerror(errno));
			free(data);
			close(fd);
			return XMLLOAD_IO;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	data[got] = '\0';
	enum xmlload_status s = xmlload_memory(name, file_order, data, got, diags, doc);
	free(data);
	return s;
}
