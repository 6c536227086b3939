/*
 * Copies of strings kept in large blocks that never move, for lists of many
 * short strings freed all at once: a few allocations in all, not one a
 * string.
 */
#ifndef EHC_ARENA_H
#define EHC_ARENA_H

struct ehc_arena_block;

struct ehc_arena {
	struct ehc_arena_block *blocks;	/* the newest first */
};

/* Returns a copy of s kept in arena, or NULL when out of memory. */
char *ehc_arena_strdup(struct ehc_arena *arena, const char *s);

/* Frees every copy at once and leaves the arena empty. */
void ehc_arena_free(struct ehc_arena *arena);

#endif
