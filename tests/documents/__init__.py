"""Test documents: generators that write the files the importer's tests and benchmark read."""
