/* PNG images (logos) for layout. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/diag.h"
#include "layout/flow.h"

/* Larger images are refused before decoding: a logo never needs more, and
 * a hostile file could otherwise ask for gigabytes. */
#define IMAGE_MAX_SIDE 8000
#define IMAGE_MAX_PIXELS (25u * 1000 * 1000)

struct png_reader {
	FILE *fp;
	bool failed;
};

static cairo_status_t read_png(void *closure, unsigned char *data, unsigned int length)
{
	struct png_reader *r = closure;
	if (fread(data, 1, length, r->fp) != length) {
		r->failed = true;
		return CAIRO_STATUS_READ_ERROR;
	}
	return CAIRO_STATUS_SUCCESS;
}

static unsigned long be32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

cairo_surface_t *image_load_png(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (!fp) {
		error("cannot open image '%s': %s", path, strerror(errno));
		return NULL;
	}
	unsigned char head[24];
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
	if (fread(head, 1, sizeof head, fp) != sizeof head || memcmp(head, sig, 8) != 0 ||
	    memcmp(head + 12, "IHDR", 4) != 0) {
		fclose(fp);
		error("image '%s' is not a PNG file", path);
		return NULL;
	}
	unsigned long w = be32(head + 16), h = be32(head + 20);
	if (w == 0 || h == 0 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE ||
	    w * h > IMAGE_MAX_PIXELS) {
		fclose(fp);
		error("image '%s' is %lu x %lu pixels; at most %d pixels a side and %u in all "
		      "are accepted", path, w, h, IMAGE_MAX_SIDE, IMAGE_MAX_PIXELS);
		return NULL;
	}
	rewind(fp);
	struct png_reader r = { .fp = fp };
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_png, &r);
	bool io = ferror(fp);
	fclose(fp);
	cairo_status_t st = cairo_surface_status(s);
	if (st != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(s);
		if (io)
			error("cannot read image '%s': %s", path, strerror(errno));
		else if (st == CAIRO_STATUS_NO_MEMORY)
			error("image '%s' is too large to decode", path);
		else
			error("image '%s' is damaged or not a PNG file", path);
		return NULL;
	}
	return s;
}
