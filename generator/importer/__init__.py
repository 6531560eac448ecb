"""Bringing a school's existing policies in: a Word, PDF, OpenDocument or text file to a draft policy YAML."""
