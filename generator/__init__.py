"""policy-site: a school's policies as YAML in, an accessible static website out.

The packages are the stages of the pipeline, each importing only those before it
(the contract in .importlinter says so and `make test` checks it):

    sources         read policy_sources/ and validate it: YAML with line numbers, the model, dates, overlays, archives
    history         the version-history commands: ratify, correct, freeze, and comparing versions
    views           page views: what each page of a site shows, as plain data
    render          views to Markdown and files: templates, search index, feeds, PDFs
    mkdocs_adapter  the only code that knows MkDocs and Material: the plugin and the build and serve calls
    sites           building many sites at once, incrementally, and publishing them atomically
    cli             the `policy-site` command, one module per command
"""
