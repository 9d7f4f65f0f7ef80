/*
 * real.c - finds the C library's own functions behind the tracer's.
 *
 * dlsym(RTLD_NEXT, name) returns the next definition of name after this
 * library in the search order: the C library's. It is looked up once for
 * every function, by the constructor in init.c, before main() runs.
 */
#include <dlfcn.h>

#include "tracer/tracer.h"

#define REAL_DEFINE(ret, name, args) ret(*real_##name) args;
REAL_FUNCTIONS(REAL_DEFINE)
#undef REAL_DEFINE

void real_resolve(void)
{
#define REAL_LOOKUP(ret, name, args) real_##name = (ret(*) args)dlsym(RTLD_NEXT, #name);
	REAL_FUNCTIONS(REAL_LOOKUP)
#undef REAL_LOOKUP
}
