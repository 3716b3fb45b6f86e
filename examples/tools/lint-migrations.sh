#!/bin/sh
# Fails when a migration is edited after it shipped.
git diff --name-only origin/main -- migrations/ | grep -v '^migrations/0' && exit 1 || exit 0
