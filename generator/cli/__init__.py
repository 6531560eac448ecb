"""Stage 7: the `policy-site` command line, one module per command or close group of commands."""
