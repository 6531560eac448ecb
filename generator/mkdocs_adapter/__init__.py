"""Stage 5: the only code that knows MkDocs and Material: the plugin, and the calls that build and serve one site."""
