"""Writers of real test documents (HTML printed to PDF, ODT, ...) from the importer's neutral `Document`."""
