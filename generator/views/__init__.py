"""Stage 3: page views, the plain data each page of a site shows, made from the validated sources."""
