"""A synthetic multi-academy trust for benchmarks, written deterministically by synthetic.trust.write_trust."""
