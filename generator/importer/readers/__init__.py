"""One reader a document format, each turning a file into the neutral `Document` of `importer.document`."""
