"""Stage 4: page views to Markdown and files: the page templates, search index, feeds and PDFs."""
