"""Stage 2: the version-history commands (ratify, correct, freeze) and the clause-by-clause comparison of versions."""
