"""Stage 1: read policy_sources/ into validated models, with every error of a run as `file:line: what to do`."""
