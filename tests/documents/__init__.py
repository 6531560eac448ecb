"""Writers of real test documents (Word, PDF, OpenDocument, text) made from the neutral Document."""
