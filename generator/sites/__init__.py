"""Stage 6: build many sites at once, rebuild only what changed, and publish them atomically."""
