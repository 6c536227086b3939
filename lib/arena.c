/* Copies of strings kept in large blocks that never move. */
#include <stdlib.h>
#include <string.h>

#include "ehc/arena.h"

#define BLOCK_SIZE 65536

struct ehc_arena_block {
	struct ehc_arena_block *next;
	size_t used;
	size_t size;
	char bytes[];
};

char *
ehc_arena_strdup(struct ehc_arena *arena, const char *s)
{
	struct ehc_arena_block *block = arena->blocks;
	size_t len = strlen(s) + 1, size;
	char *copy;

	if (block == NULL || block->size - block->used < len) {
		/* A string longer than a block gets a block of its own. */
		size = len > BLOCK_SIZE ? len : BLOCK_SIZE;
		if ((block = malloc(sizeof(*block) + size)) == NULL)
			return NULL;
		block->next = arena->blocks;
		block->used = 0;
		block->size = size;
		arena->blocks = block;
	}
	copy = memcpy(block->bytes + block->used, s, len);
	block->used += len;
	return copy;
}

void
ehc_arena_free(struct ehc_arena *arena)
{
	struct ehc_arena_block *block, *next;

	for (block = arena->blocks; block != NULL; block = next) {
		next = block->next;
		free(block);
	}
	arena->blocks = NULL;
}
